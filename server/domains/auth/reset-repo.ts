import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { passwordResetRequests, passwordResetTokens, users } from '../../db/schema.ts';
import type { Db } from '../../platform/db.ts';
import { countRecentRows } from './recent-counts.ts';

/** The account a reset e-mail goes to, whatever its state (the caller decides). */
export async function findUserForReset(db: Db, email: string) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      language: users.language,
      active: users.active,
      homeOrgId: users.homeOrgId,
    })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

/** Serialises reset requests for one e-mail until the transaction ends (a double click waits its turn). */
export async function lockResetRequests(db: Db, emailHash: string): Promise<void> {
  await db.execute(
    sql`SELECT pg_advisory_xact_lock(hashtext('pumpurs.password-reset'), hashtext(${emailHash}))`,
  );
}

/** Requests since `since` for the e-mail and for the address, with the oldest of each (for Retry-After). */
export async function countRecentResetRequests(db: Db, emailHash: string, ip: string, since: Date) {
  const { email, address } = await countRecentRows(db, passwordResetRequests, sql`at > ${since}`, {
    email: { where: sql`email_hash = ${emailHash}`, at: 'oldest' },
    address: { where: sql`ip = ${ip}`, at: 'oldest' },
  });
  return { email: email.count, emailOldest: email.at, address: address.count, addressOldest: address.at };
}

export async function recordResetRequest(db: Db, row: { emailHash: string; ip: string; at: Date }) {
  await db.insert(passwordResetRequests).values(row);
}

/** Whether the user has an unused token created after `since` (a double submit sends one e-mail). */
export async function hasFreshResetToken(db: Db, userId: string, since: Date, at: Date): Promise<boolean> {
  const rows = await db
    .select({ id: passwordResetTokens.id })
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.userId, userId),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.createdAt, since),
        gt(passwordResetTokens.expiresAt, at),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Looks a token hash up without changing anything (the unknown-e-mail path does the same work). */
export async function findResetToken(db: Db, tokenHash: string) {
  const rows = await db
    .select({
      userId: passwordResetTokens.userId,
      expiresAt: passwordResetTokens.expiresAt,
      usedAt: passwordResetTokens.usedAt,
    })
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, tokenHash))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertResetToken(
  db: Db,
  row: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(passwordResetTokens).values(row);
}

/**
 * Marks the token used if it is still unused and unexpired, and returns its user; null otherwise.
 * One conditional UPDATE: of two clicks at once only one finds the row still unused.
 */
export async function consumeResetToken(db: Db, tokenHash: string, at: Date): Promise<string | null> {
  const rows = await db
    .update(passwordResetTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(passwordResetTokens.tokenHash, tokenHash),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, at),
      ),
    )
    .returning({ userId: passwordResetTokens.userId });
  return rows[0]?.userId ?? null;
}

/** Ends every other unused token of the user (a new password makes older links worthless). */
export async function retireOtherResetTokens(
  db: Db,
  userId: string,
  keepHash: string,
  at: Date,
): Promise<void> {
  await db
    .update(passwordResetTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(passwordResetTokens.userId, userId),
        isNull(passwordResetTokens.usedAt),
        ne(passwordResetTokens.tokenHash, keepHash),
      ),
    );
}

/** The account whose password a valid token sets: active users only. */
export async function findActiveUser(db: Db, userId: string) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      homeOrgId: users.homeOrgId,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .limit(1);
  return rows[0] ?? null;
}

export async function setUserPassword(db: Db, userId: string, passwordHash: string, at: Date): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId));
}

/** Housekeeping: forgets reset requests and spent or expired tokens older than `before`. */
export async function deleteResetRecordsBefore(db: Db, before: Date): Promise<number> {
  const requests = await db
    .delete(passwordResetRequests)
    .where(lt(passwordResetRequests.at, before))
    .returning({ id: passwordResetRequests.id });
  const tokens = await db
    .delete(passwordResetTokens)
    .where(lt(passwordResetTokens.expiresAt, before))
    .returning({ id: passwordResetTokens.id });
  return requests.length + tokens.length;
}
