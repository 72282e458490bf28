import { eq, lt, sql } from 'drizzle-orm';
import type { Language, OrgType, Role } from '../../../common/roles.ts';
import { organisations, roleGrants, sessions, userSecondFactors, users } from '../../db/schema.ts';
import type { Actor, ActorGrant } from '../actor.ts';
import { type Db, queryRows } from '../db.ts';

/** The grants of a user in organisations that are active, as one JSON array ordered by path and role. */
const grantsOf = (userIdColumn: ReturnType<typeof sql>) => sql`coalesce((
  SELECT json_agg(json_build_object(
    'id', g.id, 'role', g.role, 'orgId', o.id, 'orgPath', o.path, 'orgType', o.type, 'orgName', o.name
  ) ORDER BY o.path, g.role)
  FROM ${roleGrants} g JOIN ${organisations} o ON o.id = g.org_id
  WHERE g.user_id = ${userIdColumn} AND o.active
), '[]'::json)`;

interface ActorRow {
  user_id: string;
  email: string;
  first_name: string;
  last_name: string;
  language: string;
  active: boolean;
  grants: ActorGrant[] | string;
}

function toActor(row: ActorRow): Actor {
  // PGlite and node-postgres both parse json; a driver that hands back text is parsed here.
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as ActorGrant[]) : row.grants;
  return {
    userId: row.user_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    language: row.language as Language,
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role as Role,
      orgId: g.orgId,
      orgPath: g.orgPath,
      orgType: g.orgType as OrgType,
      orgName: g.orgName,
    })),
  };
}

/** Builds the actor (user and grants with organisation paths) for an active user, or null. One statement. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const [row] = await queryRows<ActorRow>(
    db,
    sql`SELECT u.id AS user_id, u.email, u.first_name, u.last_name, u.language, u.active,
      ${grantsOf(sql`u.id`)} AS grants
    FROM ${users} u WHERE u.id = ${userId}`,
  );
  return row?.active ? toActor(row) : null;
}

/** What one look-up of a session found: the actor, or why there is none. */
export type SessionLookup =
  | { state: 'live'; actor: Actor }
  /** Unknown or past its absolute expiry: nothing to clean up. */
  | { state: 'none' }
  /** Idle for too long, or its user is deactivated: the session should be deleted. */
  | { state: 'ended' };

/**
 * Finds a session by its token hash with its user and grants, and restarts its idle clock, in ONE
 * statement. The idle clock is written only when the session is live and was last touched before
 * `touchBefore` (so most requests write nothing); the statement's snapshot shows the old time.
 */
export async function lookUpSession(
  db: Db,
  id: string,
  at: Date,
  idleSince: Date,
  touchBefore: Date,
): Promise<SessionLookup> {
  const [row] = await queryRows<
    ActorRow & {
      fresh: boolean;
      second_factor_at: string | Date | null;
      step_up_until: string | Date | null;
      second_factor_enabled: boolean;
    }
  >(
    db,
    sql`WITH found AS (
      SELECT s.user_id, s.last_seen_at >= ${idleSince}::timestamptz AS fresh,
        s.second_factor_at, s.step_up_until
      FROM ${sessions} s WHERE s.id = ${id} AND s.expires_at > ${at}::timestamptz
    ), touched AS (
      UPDATE ${sessions} SET last_seen_at = ${at}::timestamptz
      WHERE id = ${id} AND expires_at > ${at}::timestamptz
        AND last_seen_at >= ${idleSince}::timestamptz AND last_seen_at < ${touchBefore}::timestamptz
        AND EXISTS (SELECT 1 FROM ${users} u WHERE u.id = sessions.user_id AND u.active)
      RETURNING id
    )
    SELECT found.fresh, found.second_factor_at, found.step_up_until,
      EXISTS (SELECT 1 FROM ${userSecondFactors} f WHERE f.user_id = u.id AND f.enabled_at IS NOT NULL)
        AS second_factor_enabled,
      u.id AS user_id, u.email, u.first_name, u.last_name, u.language, u.active,
      ${grantsOf(sql`u.id`)} AS grants,
      (SELECT count(*) FROM touched) AS touched
    FROM found JOIN ${users} u ON u.id = found.user_id`,
  );
  if (!row) return { state: 'none' };
  if (!row.fresh || !row.active) return { state: 'ended' };
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return {
    state: 'live',
    actor: {
      ...toActor(row),
      session: {
        secondFactorAt: date(row.second_factor_at),
        stepUpUntil: date(row.step_up_until),
        secondFactorEnabled: row.second_factor_enabled === true,
      },
    },
  };
}

/** Stores a new session under the hash of its token, started at `at` (the system clock). */
export async function insertSession(
  db: Db,
  id: string,
  userId: string,
  at: Date,
  expiresAt: Date,
  client: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null },
): Promise<void> {
  await db.insert(sessions).values({ id, userId, createdAt: at, lastSeenAt: at, expiresAt, ...client });
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (deactivation, password change by a manager). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions that expired before `before`. */
export async function deleteSessionsExpiredBefore(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, before)).returning({ id: sessions.id });
  return rows.length;
}

/** Marks a session as past its second factor at `at` (and stepped up until `stepUpUntil`, when given). */
export async function markSecondFactor(db: Db, id: string, at: Date, stepUpUntil: Date | null): Promise<void> {
  await db
    .update(sessions)
    .set(stepUpUntil ? { secondFactorAt: at, stepUpUntil } : { secondFactorAt: at })
    .where(eq(sessions.id, id));
}

/** Sets until when a session is stepped up. */
export async function setStepUpUntil(db: Db, id: string, until: Date | null): Promise<void> {
  await db.update(sessions).set({ stepUpUntil: until }).where(eq(sessions.id, id));
}
