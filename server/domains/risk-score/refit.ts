import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Database } from '../../platform/db.ts';
import type { JobContext, JobRunner } from '../../platform/jobs.ts';
import { findRoot } from '../organisations/index.ts';
import { type FitRow, fitWithMetrics } from './fit.ts';
import { findLabelledRows } from './history-repo.ts';
import { insertRiskModel } from './repo.ts';
import { findFitSemesters } from './semesters-repo.ts';

/** The background refit (scheduled weekly and on request): its job name, also its singleton key. */
export const RISK_SCORE_REFIT_JOB = 'risk-score.refit';

export interface RiskScoreRefitData {
  /** The user who asked; absent for the weekly schedule. */
  requestedBy?: string | null;
}

/** What a refit did: the fit stored, or why not (the previous fit stays in use). */
export type RefitResult =
  | { fitted: true; modelId: string; periods: string[]; rows: number; positives: number; auc: number }
  | {
      fitted: false;
      reason: 'not_enough_history';
      /** The message code that says it in words (server/platform/i18n). */
      code: 'risk_score_not_enough_history';
      periods: string[];
      rows: number;
      positives: number;
    };

/** The job's audit rows are the system's (or the requester's), not a request's. */
function jobContext(): RequestContext {
  return { actor: null, requestId: `job-${randomUUID()}`, ip: null, language: 'en' };
}

/**
 * Fits the national score on every ended semester whose school year has outcomes, on the rows with
 * a known outcome, and stores it with its cross-validated metrics; with too little history it stores
 * nothing and says so. Reads are national (the model holds means, SDs and weights only, so nothing
 * of one organisation's students reaches another's screens). Audited as `risk_score.fit`.
 */
export async function refitRiskScore(
  database: Database,
  requestedBy: string | null = null,
  job?: JobContext,
): Promise<RefitResult> {
  // One long read of the nation's labelled semesters (a national history outlasts a request's timeout).
  const { periods, rows } = await database.withTx(
    async (db) => {
      const root = await findRoot(db);
      const semesters = await findFitSemesters(db, todayInLatvia());
      const out: FitRow[] = [];
      const used: string[] = [];
      for (const s of semesters) {
        const labelled = (await findLabelledRows(db, s, root ? [root.path] : [])).filter(
          (r): r is typeof r & { failed: boolean } => r.failed !== null,
        );
        if (labelled.length === 0) continue;
        used.push(`${s.schoolYear}-${s.number}`);
        for (const r of labelled) out.push({ risk: r.risk, flags: r.flags, failed: r.failed });
      }
      return { periods: used, rows: out };
    },
    { longStatements: true },
  );
  await job?.progress(0, 1);
  const fit = fitWithMetrics(rows);
  const result: RefitResult = fit.ok
    ? {
        fitted: true,
        modelId: '',
        periods,
        rows: fit.rows,
        positives: fit.positives,
        auc: fit.metrics.auc.mean,
      }
    : {
        fitted: false,
        reason: fit.reason,
        code: 'risk_score_not_enough_history',
        periods,
        rows: fit.rows,
        positives: fit.positives,
      };
  await database.withTx(async (tx) => {
    if (fit.ok && result.fitted)
      result.modelId = await insertRiskModel(tx, {
        fittedAt: now(),
        fittedBy: requestedBy,
        periods,
        rows: fit.rows,
        positives: fit.positives,
        model: fit.model,
        metrics: fit.metrics,
      });
    await writeAudit(tx, jobContext(), {
      action: 'risk_score.fit',
      entityType: 'risk_model',
      entityId: result.fitted ? result.modelId : null,
      outcome: result.fitted ? 'ok' : 'failed',
      actorId: requestedBy,
    });
  });
  await job?.progress(1, 1);
  return result;
}

/**
 * Queues a refit; the job's id, or null when one is queued or running (the weekly one included: both
 * use the same singleton key, so two refits never run at once). Its status is for admins.
 */
export function sendRiskScoreRefit(jobs: JobRunner, userId: string | null): Promise<string | null> {
  return jobs.send<RiskScoreRefitData>(
    RISK_SCORE_REFIT_JOB,
    { requestedBy: userId },
    { singletonKey: RISK_SCORE_REFIT_JOB, createdBy: userId },
  );
}

/**
 * The job's handler (registered with the scheduled jobs). A refit that refuses for lack of history
 * ends `done` with the result `{ fitted: false, reason: 'not_enough_history', rows, positives }` (the
 * message code `risk_score_not_enough_history` says it in words) and no fit stored: the weekly run on
 * a young installation is not a failure of the system.
 */
export function runRiskScoreRefitJob(
  database: Database,
  data: RiskScoreRefitData,
  job: JobContext,
): Promise<RefitResult> {
  return refitRiskScore(database, data?.requestedBy ?? null, job);
}
