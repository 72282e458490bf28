import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { JobError, type JobRunner } from '../../platform/jobs.ts';
import { currentPeriodCode } from './periods.ts';
import { type RefreshResult, refreshReportFigures, UnknownPeriodError } from './refresh.ts';
import { clearRequest, findRequestedPeriods, markRequested } from './refresh-repo.ts';

/** The background refresh of one period's figures: its job name and data. */
export const REPORTS_REFRESH_JOB = 'reports.refresh';
export interface ReportRefreshData {
  period: string;
}

/** The singleton key: at most one refresh of a period queued or running. */
export const reportRefreshKey = (period: string) => `${REPORTS_REFRESH_JOB}:${period}`;

/**
 * Queues a refresh of `period` (POST /api/reports/refresh); the job's id, or null when a refresh
 * of that period is already queued or running. Its status is for admins, or for the staff of
 * `orgId` when given (the organisation whose dashboard asked).
 */
export function sendReportRefresh(
  jobs: JobRunner,
  period: string,
  userId: string | null,
  orgId: string | null = null,
): Promise<string | null> {
  return jobs.send<ReportRefreshData>(
    REPORTS_REFRESH_JOB,
    { period },
    { singletonKey: reportRefreshKey(period), createdBy: userId, orgId },
  );
}

/** Registers the refresh job's handler on the runner. */
export function registerReportRefreshJob(jobs: JobRunner, database: Database): void {
  jobs.register<ReportRefreshData>(REPORTS_REFRESH_JOB, async ({ period }) => {
    try {
      return await refreshReportFigures(database, period);
    } catch (e) {
      if (e instanceof UnknownPeriodError) throw new JobError(e.code);
      throw e;
    }
  });
}

/** Asks for a period's figures to be refreshed by the next scheduled run (`reports.refresh-due`). */
export function requestReportRefresh(database: Database, period: string): Promise<void> {
  return database.withTx((tx) => markRequested(tx, period, now()));
}

/**
 * The scheduled refresh: the current semester and its school year, then every period with a
 * refresh requested (a period the calendar no longer has is left as it is). Each period in a
 * transaction of its own.
 */
export async function refreshDuePeriods(database: Database): Promise<RefreshResult[]> {
  const due = new Set<string>();
  const current = await database.read((db) => currentPeriodCode(db));
  if (current) {
    due.add(current);
    due.add(current.split('-')[0]);
  }
  for (const p of await database.read((db) => findRequestedPeriods(db))) due.add(p);
  const done: RefreshResult[] = [];
  for (const period of due) {
    try {
      done.push(await refreshReportFigures(database, period));
    } catch (e) {
      if (!(e instanceof UnknownPeriodError)) throw e;
      // A period the calendar no longer has is not asked for again.
      await database.withTx((tx) => clearRequest(tx, period));
    }
  }
  return done;
}
