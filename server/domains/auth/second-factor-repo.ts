import { and, count, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { recoveryCodes, secondFactorAttempts, userSecondFactors } from '../../db/schema.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/** A user's authenticator row (the secret still sealed). */
export async function findSecondFactor(db: Db, userId: string) {
  const [row] = await db
    .select({
      secretEncrypted: userSecondFactors.secretEncrypted,
      enabledAt: userSecondFactors.enabledAt,
      lastUsedStep: userSecondFactors.lastUsedStep,
    })
    .from(userSecondFactors)
    .where(eq(userSecondFactors.userId, userId));
  return row ?? null;
}

/** Stores a new, not yet confirmed authenticator secret, replacing an unconfirmed one. */
export async function upsertPendingSecondFactor(db: Db, userId: string, sealed: string, at: Date): Promise<void> {
  await db
    .insert(userSecondFactors)
    .values({ userId, secretEncrypted: sealed, createdAt: at, enabledAt: null, lastUsedStep: null })
    .onConflictDoUpdate({
      target: userSecondFactors.userId,
      set: { secretEncrypted: sealed, createdAt: at, enabledAt: null, lastUsedStep: null },
      where: isNull(userSecondFactors.enabledAt),
    });
}

/** Stores an authenticator that is enabled at once (the demo's published secrets). */
export async function insertEnabledSecondFactor(db: Db, userId: string, sealed: string, at: Date): Promise<void> {
  await db
    .insert(userSecondFactors)
    .values({ userId, secretEncrypted: sealed, createdAt: at, enabledAt: at, lastUsedStep: null });
}

/**
 * Records `step` as the last accepted time step when it is later than the stored one; false when
 * another request used this step (or a later one) first, so each code is accepted exactly once.
 */
export async function claimTimeStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userSecondFactors)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(userSecondFactors.userId, userId),
        or(isNull(userSecondFactors.lastUsedStep), lt(userSecondFactors.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userSecondFactors.userId });
  return rows.length === 1;
}

/** Marks the authenticator confirmed at `at`. */
export async function enableSecondFactor(db: Db, userId: string, at: Date): Promise<void> {
  await db.update(userSecondFactors).set({ enabledAt: at }).where(eq(userSecondFactors.userId, userId));
}

/** Removes the authenticator and the recovery codes of a user. */
export async function deleteSecondFactor(db: Db, userId: string): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.delete(userSecondFactors).where(eq(userSecondFactors.userId, userId));
}

/** Replaces the recovery codes of a user with these hashes. */
export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[], at: Date): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash, createdAt: at })));
}

/** Uses up an unused recovery code; false when there is none with this hash. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

/** How many unused recovery codes a user has left. */
export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

/**
 * Serialises second-factor attempts of one user until the transaction ends (a try-lock, like
 * sign-in's), so parallel guesses cannot slip past the limit together.
 */
export async function tryLockUserForSecondFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(
    db,
    sql`SELECT pg_try_advisory_xact_lock(hashtext('pumpurs.second-factor'), hashtext(${userId})) AS locked`,
  );
  return row?.locked === true;
}

/** Failed second-factor attempts of a user since `since`, and the oldest of them. */
export async function countRecentSecondFactorFailures(
  db: Db,
  userId: string,
  since: Date,
): Promise<{ failures: number; oldest: Date | null }> {
  const [row] = await queryRows<{ failures: number; oldest: string | Date | null }>(
    db,
    sql`SELECT count(*)::int AS failures, min(at) AS oldest FROM ${secondFactorAttempts}
      WHERE user_id = ${userId} AND success = false AND at > ${since}`,
  );
  return { failures: Number(row?.failures ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function recordSecondFactorAttempt(
  db: Db,
  attempt: { userId: string; ip: string; success: boolean; at: Date },
): Promise<void> {
  await db.insert(secondFactorAttempts).values(attempt);
}

/** Forgets second-factor attempts older than `before` (the audit log keeps every attempt). */
export async function deleteSecondFactorAttemptsBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(secondFactorAttempts)
    .where(lt(secondFactorAttempts.at, before))
    .returning({ id: secondFactorAttempts.id });
  return rows.length;
}

/** Whether a user has a confirmed authenticator (sign-in asks for a code then). */
export async function hasEnabledSecondFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userSecondFactors.userId })
    .from(userSecondFactors)
    .where(and(eq(userSecondFactors.userId, userId), isNotNull(userSecondFactors.enabledAt)));
  return row !== undefined;
}
