import { now, today } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db.ts';
import { findSemesters } from '../calendar/index.ts';
import { ensureFlagCounts } from '../ejournal/index.ts';
import { planFigures } from './figures-plans.ts';
import { type FigureSpec, insertFigures, type PeriodScope } from './figures-sql.ts';
import { studentFigures } from './figures-students.ts';
import { supportFigures } from './figures-support.ts';
import { findPeriods, resolvePeriod } from './periods.ts';
import * as repo from './refresh-repo.ts';

/**
 * The reporting read model's refresh (issue 14): a period's rows of report_figures replaced in one
 * transaction by every indicator of INDICATORS (common/api/reports.ts) for every school,
 * municipality and the nation, then its report_refreshes row.
 */

/** Every indicator's SQL for a period (figures-*.ts). */
export function figureSpecs(p: PeriodScope): FigureSpec[] {
  return [...studentFigures(p), ...planFigures(p), ...supportFigures(p)];
}

export interface RefreshResult {
  period: string;
  rows: number;
  durationMs: number;
}

/** A period that the calendar does not have. */
export class UnknownPeriodError extends Error {
  readonly code = 'report_period_not_found';
  constructor(readonly period: string) {
    super('report_period_not_found');
  }
}

/**
 * Replaces the period's figures inside the caller's transaction `tx` (the demo seed's, the
 * job's). Concurrent refreshes of one period wait for each other (an advisory lock), so the
 * rows are always one refresh's complete set.
 */
export async function refreshReportFiguresIn(tx: Db, code: string): Promise<RefreshResult> {
  const startedAt = now();
  const started = performance.now();
  const period = await resolvePeriod(tx, code);
  if (!period) throw new UnknownPeriodError(code);
  await repo.lockPeriod(tx, code);
  const scope: PeriodScope = {
    code,
    schoolYear: period.schoolYear,
    semesterIds: period.semesterIds,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    today: today(),
  };
  await repo.deleteFigures(tx, code);
  for (const spec of figureSpecs(scope)) await tx.execute(insertFigures(code, spec));
  const rows = await repo.countFigures(tx, code);
  const durationMs = Math.round(performance.now() - started);
  await repo.recordRefresh(tx, code, now(), durationMs, startedAt);
  return { period: code, rows, durationMs };
}

/**
 * Makes the stored flag counts of the period's begun semesters current (the e-journal's own
 * refresh; each in a transaction of its own, before the figures read them).
 */
async function ensureFlagsOf(database: Database, code: string): Promise<void> {
  const period = await database.read((db) => resolvePeriod(db, code));
  if (!period) return;
  const semesters = await database.read((db) => findSemesters(db));
  for (const s of semesters)
    if (period.semesterIds.includes(s.id) && s.startsOn <= today())
      await database.withTx((tx) => ensureFlagCounts(tx, s), { longStatements: true });
}

/** Refreshes one period's figures (flag counts first, then the figures in one transaction). */
export async function refreshReportFigures(database: Database, code: string): Promise<RefreshResult> {
  await ensureFlagsOf(database, code);
  return database.withTx((tx) => refreshReportFiguresIn(tx, code), { longStatements: true });
}

/**
 * Fills the read model for every period the calendar has, inside the caller's transaction (the
 * demo seed: its flag counts were just computed with its indicators). Returns the periods.
 */
export async function refreshAllPeriodsIn(tx: Db): Promise<string[]> {
  const codes = (await findPeriods(tx)).map((p) => p.code);
  for (const code of codes) await refreshReportFiguresIn(tx, code);
  return codes;
}
