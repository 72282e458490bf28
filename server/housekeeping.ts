import {
  deleteLoginAttemptsBefore,
  deleteResetRecordsBefore,
  deleteSecondFactorAttemptsBefore,
} from './domains/auth/index.ts';
import { deleteConfirmationAttemptsBefore } from './domains/support/index.ts';
import { now } from './platform/clock.ts';
import type { Db } from './platform/db.ts';
import { deleteFinishedJobRunsBefore } from './platform/jobs-repo.ts';
import { deleteSessionsExpiredBefore } from './platform/sessions/index.ts';

/** How long rate-limit counters are kept: far longer than any window that reads them (10–15 minutes). */
export const COUNTER_RETENTION_MS = 24 * 3_600_000;
/** How long a finished background job's status is kept (the jobs page shows the newest). */
export const JOB_RETENTION_MS = 90 * 24 * 3_600_000;

/**
 * Hourly clean-up of rows that only serve short windows, so the tables do not grow for ever:
 * sign-in, second-factor and confirmation attempts older than a day, password reset requests and
 * reset links more than a day old (links last 30 minutes), sessions that have expired, and finished
 * background jobs older than 90 days. The audit log keeps every attempt; nothing else is touched.
 */
export async function pruneExpiredRecords(
  tx: Db,
  at: Date = now(),
): Promise<{
  loginAttempts: number;
  secondFactorAttempts: number;
  confirmationAttempts: number;
  passwordResets: number;
  sessions: number;
  jobs: number;
}> {
  const before = new Date(at.getTime() - COUNTER_RETENTION_MS);
  return {
    loginAttempts: await deleteLoginAttemptsBefore(tx, before),
    secondFactorAttempts: await deleteSecondFactorAttemptsBefore(tx, before),
    confirmationAttempts: await deleteConfirmationAttemptsBefore(tx, before),
    passwordResets: await deleteResetRecordsBefore(tx, before),
    sessions: await deleteSessionsExpiredBefore(tx, at),
    jobs: await deleteFinishedJobRunsBefore(tx, new Date(at.getTime() - JOB_RETENTION_MS)),
  };
}
