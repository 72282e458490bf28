import { ensureSchoolYears } from './domains/calendar/index.ts';
import { refreshFlagDays } from './domains/ejournal/index.ts';
import { remindOverdueEvaluations } from './domains/plans/index.ts';
import { runRetention } from './domains/privacy/index.ts';
import { refreshDuePeriods, registerReportRefreshJob } from './domains/reports/index.ts';
import { type RiskScoreRefitData, runRiskScoreRefitJob } from './domains/risk-score/index.ts';
import { reconcileSystemTasks } from './domains/tasks/index.ts';
import { pruneExpiredRecords } from './housekeeping.ts';
import { today } from './platform/clock.ts';
import type { Database } from './platform/db.ts';
import type { JobContext, JobRunner } from './platform/jobs.ts';

/** The system's own jobs and how often they run (minutes); each is idempotent. */
export const SCHEDULED_JOBS = {
  /** Creates the next school year when the clock has moved into a new one. */
  'calendar.school-years': 60,
  /** Reminds preparers of plans not evaluated two weeks after the semester. */
  'plans.evaluation-reminders': 60,
  /** Forgets expired rate-limit counters and sessions. */
  'housekeeping.prune': 60,
  /** Brings the stored flag counts to today's count of school days (the attendance flag reads it). */
  'indicators.flag-days': 60,
  /** Opens and closes the system's tasks (legal duty, overdue referrals, ...). */
  'tasks.reconcile': 60,
  /** Recomputes the reports' read model: the current semester, its school year and any period asked for. */
  'reports.refresh-due': 60,
  /**
   * Refits the advisory risk score on the history (issue 15): weekly, as outcomes arrive once a year;
   * also on request (POST /api/risk-score/refit). One at a time: the same singleton key.
   */
  'risk-score.refit': 7 * 24 * 60,
  /**
   * Daily (issue 16): anonymises students whose retention has run out and deletes expired technical
   * rows (server/domains/privacy; README "Data inventory, retention and erasure").
   */
  'privacy.retention': 24 * 60,
} as const;

/**
 * Registers the scheduled jobs (the hourly work main.ts used to run on a timer) on the runner: pg-boss
 * runs each once across instances; nothing runs before the runner starts (tests never start it).
 */
export function registerScheduledJobs(jobs: JobRunner, database: Database): void {
  // The system's own work may take longer than a request's statement timeout allows.
  const long = { longStatements: true };
  const work: Record<keyof typeof SCHEDULED_JOBS, (data: unknown, job: JobContext) => Promise<unknown>> = {
    'calendar.school-years': () =>
      database.withTx(async (tx) => ({ created: await ensureSchoolYears(tx) }), long),
    'plans.evaluation-reminders': () =>
      database.withTx(async (tx) => ({ reminded: await remindOverdueEvaluations(tx) }), long),
    'housekeeping.prune': () => database.withTx((tx) => pruneExpiredRecords(tx), long),
    'indicators.flag-days': () => database.withTx((tx) => refreshFlagDays(tx), long),
    'tasks.reconcile': () => database.withTx((tx) => reconcileSystemTasks(tx, today()), long),
    // Each period in transactions of its own (server/domains/reports/refresh-job.ts).
    'reports.refresh-due': async () => ({ refreshed: (await refreshDuePeriods(database)).length }),
    // The fit reads the nation's history in one read and stores in one short transaction (risk-score/refit.ts).
    'risk-score.refit': (data, job) =>
      runRiskScoreRefitJob(database, (data ?? {}) as RiskScoreRefitData, job),
    // Batches of students, one transaction each (privacy/service.ts).
    'privacy.retention': () => runRetention(database),
  };
  // The on-demand refresh of one period (POST /api/reports/refresh sends it).
  registerReportRefreshJob(jobs, database);
  for (const [name, everyMinutes] of Object.entries(SCHEDULED_JOBS)) {
    jobs.register(name, work[name as keyof typeof SCHEDULED_JOBS]);
    jobs.every(name, everyMinutes);
  }
}
