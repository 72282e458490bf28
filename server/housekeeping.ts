import { deleteLoginAttemptsBefore } from './domains/auth/index.ts';
import { deleteConfirmationAttemptsBefore } from './domains/support/index.ts';
import { now } from './platform/clock.ts';
import type { Db } from './platform/db.ts';
import { deleteSessionsExpiredBefore } from './platform/sessions/index.ts';

/** How long rate-limit counters are kept: far longer than any window that reads them (10–15 minutes). */
export const COUNTER_RETENTION_MS = 24 * 3_600_000;

/**
 * Hourly clean-up of rows that only serve short windows, so the tables do not grow for ever:
 * sign-in and confirmation attempts older than a day, and sessions that have expired. The audit
 * log keeps every attempt; nothing else is touched.
 */
export async function pruneExpiredRecords(
  tx: Db,
  at: Date = now(),
): Promise<{ loginAttempts: number; confirmationAttempts: number; sessions: number }> {
  const before = new Date(at.getTime() - COUNTER_RETENTION_MS);
  return {
    loginAttempts: await deleteLoginAttemptsBefore(tx, before),
    confirmationAttempts: await deleteConfirmationAttemptsBefore(tx, before),
    sessions: await deleteSessionsExpiredBefore(tx, at),
  };
}
