import { and, eq, gt, sql } from 'drizzle-orm';
import type { Language, OrgType, Role } from '../../../common/roles.ts';
import { loginAttempts, organisations, roleGrants, sessions, users } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/** The account row needed to check a password. */
export async function findUserForLogin(db: Db, email: string) {
  const rows = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      homeOrgId: users.homeOrgId,
    })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

/** Builds the actor (user and grants with organisation paths) for an active user, or null. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      language: users.language,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !user.active) return null;
  const grants = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      orgId: organisations.id,
      orgPath: organisations.path,
      orgType: organisations.type,
      orgName: organisations.name,
      orgActive: organisations.active,
    })
    .from(roleGrants)
    .innerJoin(organisations, eq(organisations.id, roleGrants.orgId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(organisations.path, roleGrants.role);
  return {
    userId: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    language: user.language as Language,
    grants: grants
      .filter((g) => g.orgActive)
      .map((g) => ({
        id: g.id,
        role: g.role as Role,
        orgId: g.orgId,
        orgPath: g.orgPath,
        orgType: g.orgType as OrgType,
        orgName: g.orgName,
      })),
  };
}

/** Stores a new session under the hash of its token. */
export async function insertSession(db: Db, id: string, userId: string, expiresAt: Date): Promise<void> {
  await db.insert(sessions).values({ id, userId, expiresAt });
}

/** A session that has not passed its absolute expiry, or null. */
export async function findLiveSession(db: Db, id: string) {
  const rows = await db
    .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`)));
  return rows[0] ?? null;
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (deactivation, password change by a manager). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Failed attempts in the window for the email and for the IP, with the oldest of each. */
export async function countRecentFailures(db: Db, email: string, ip: string, windowMinutes: number) {
  const [row] = await queryRows<{
    by_email: number;
    by_ip: number;
    oldest_email: string | null;
    oldest_ip: string | null;
  }>(
    db,
    sql`
    SELECT
      count(*) FILTER (WHERE email = ${email})::int AS by_email,
      count(*) FILTER (WHERE ip = ${ip})::int AS by_ip,
      min(at) FILTER (WHERE email = ${email}) AS oldest_email,
      min(at) FILTER (WHERE ip = ${ip}) AS oldest_ip
    FROM ${loginAttempts}
    WHERE success = false AND at > now() - make_interval(mins => ${windowMinutes})
      AND (email = ${email} OR ip = ${ip})`,
  );
  return {
    byEmail: Number(row?.by_email ?? 0),
    byIp: Number(row?.by_ip ?? 0),
    oldestEmail: row?.oldest_email ? new Date(row.oldest_email) : null,
    oldestIp: row?.oldest_ip ? new Date(row.oldest_ip) : null,
  };
}

export async function recordLoginAttempt(db: Db, email: string, ip: string, success: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ email, ip, success });
}

export async function setUserLanguage(db: Db, userId: string, language: Language): Promise<void> {
  await db.update(users).set({ language, updatedAt: sql`now()` }).where(eq(users.id, userId));
}
