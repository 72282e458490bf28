import { eq, lt, sql } from 'drizzle-orm';
import type { Language } from '../../../common/roles.ts';
import { loginAttempts, users } from '../../db/schema.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import type { RecentFailures } from './limits.ts';
import { countRecentRows } from './recent-counts.ts';

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
  const { pair, account, address } = await countRecentRows(
    db,
    loginAttempts,
    sql`success = false AND at > ${since}`,
    {
      pair: { where: sql`email = ${email} AND ip = ${ip}`, at: 'oldest' },
      account: { where: sql`email = ${email}`, at: 'latest' },
      address: { where: sql`ip = ${ip}`, at: 'oldest' },
    },
  );
  return {
    pair: pair.count,
    pairOldest: pair.at,
    account: account.count,
    accountLatest: account.at,
    address: address.count,
    addressOldest: address.at,
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
