import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Language, OrgType, Role } from '../../../common/roles.ts';
import { loginAttempts, organisations, roleGrants, sessions, users } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import type { RecentFailures } from './limits.ts';

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

/** Stores a new session under the hash of its token, started at `at` (the system clock). */
export async function insertSession(
  db: Db,
  id: string,
  userId: string,
  at: Date,
  expiresAt: Date,
): Promise<void> {
  await db.insert(sessions).values({ id, userId, createdAt: at, lastSeenAt: at, expiresAt });
}

/** A session that has not passed its absolute expiry at `at`, or null. */
export async function findLiveSession(db: Db, id: string, at: Date) {
  const rows = await db
    .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, at)));
  return rows[0] ?? null;
}

/** Restarts a session's idle clock at `at`. */
export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (deactivation, password change by a manager). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * Serialises sign-in attempts on one account until the transaction ends, across app instances.
 * A try-lock: a parallel attempt is answered at once instead of holding a pooled connection.
 */
export async function tryLockAccountForSignIn(db: Db, email: string): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(
    db,
    sql`SELECT pg_try_advisory_xact_lock(hashtext('pumpurs.sign-in'), hashtext(${email})) AS locked`,
  );
  return row?.locked === true;
}

/** Failed attempts since `since` for the account, the address, and the two together. */
export async function countRecentFailures(
  db: Db,
  email: string,
  ip: string,
  since: Date,
): Promise<RecentFailures> {
  const [row] = await queryRows<{
    pair: number;
    pair_oldest: string | null;
    account: number;
    account_latest: string | null;
    address: number;
    address_oldest: string | null;
  }>(
    db,
    sql`
    SELECT
      count(*) FILTER (WHERE email = ${email} AND ip = ${ip})::int AS pair,
      min(at) FILTER (WHERE email = ${email} AND ip = ${ip}) AS pair_oldest,
      count(*) FILTER (WHERE email = ${email})::int AS account,
      max(at) FILTER (WHERE email = ${email}) AS account_latest,
      count(*) FILTER (WHERE ip = ${ip})::int AS address,
      min(at) FILTER (WHERE ip = ${ip}) AS address_oldest
    FROM ${loginAttempts}
    WHERE success = false AND at > ${since} AND (email = ${email} OR ip = ${ip})`,
  );
  const date = (v: string | null | undefined) => (v ? new Date(v) : null);
  return {
    pair: Number(row?.pair ?? 0),
    pairOldest: date(row?.pair_oldest),
    account: Number(row?.account ?? 0),
    accountLatest: date(row?.account_latest),
    address: Number(row?.address ?? 0),
    addressOldest: date(row?.address_oldest),
  };
}

export async function recordLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string; success: boolean; at: Date },
): Promise<void> {
  await db.insert(loginAttempts).values(attempt);
}

export async function setUserLanguage(db: Db, userId: string, language: Language, at: Date): Promise<void> {
  await db.update(users).set({ language, updatedAt: at }).where(eq(users.id, userId));
}

/** Forgets sign-in attempts older than `before` (the limits look back 10 minutes; the audit log keeps every attempt). */
export async function deleteLoginAttemptsBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, before))
    .returning({ id: loginAttempts.id });
  return rows.length;
}

/** Removes sessions that expired before `before`. */
export async function deleteSessionsExpiredBefore(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(sessions).where(lt(sessions.expiresAt, before)).returning({ id: sessions.id });
  return rows.length;
}
