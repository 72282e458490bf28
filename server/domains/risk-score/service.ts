import type { TRiskModelCard, TRiskRanks, TRiskRanksQuery } from '../../../common/api/risk-score.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { findCurrentSemester, findSemester } from '../calendar/index.ts';
import { findOrganisationById, findRoot } from '../organisations/index.ts';
import { findLabelledRows } from './history-repo.ts';
import {
  type Contributor,
  RISK_FEATURES,
  type RiskFeature,
  type RiskInputs,
  type RiskModel,
  riskProbability,
  topContributors,
} from './model.ts';
import { RISK_MODEL_VIEW, RISK_RANKS_VIEW, RISK_SCORE_REFIT } from './policy.ts';
import { ranksWithin } from './ranks.ts';
import { findLatestRiskModel } from './repo.ts';

/**
 * Which way each feature is read as a warning: more absences, low marks, notes or repeated years; a
 * lower average. A contributor against that reading (say "0 behaviour notes" because the fit gave notes
 * a negative weight) would read as nonsense to a coordinator, so the ranks leave it out of the words;
 * the rank itself still uses the whole model.
 */
const WARNING_SIGN: Record<RiskFeature, 1 | -1> = {
  unjustifiedLessons: 1,
  missedLessons: 1,
  yearsNotPassed: 1,
  lowMarks: 1,
  markAverage: -1,
  previousAverage: -1,
  behaviourNotes: 1,
};

/** The contributors worth words: those pushing the score up in the feature's warning direction. */
export function readableContributors(model: RiskModel, x: RiskInputs): Contributor[] {
  return topContributors(model, x, RISK_FEATURES.length)
    .filter((c) => {
      const j = model.features.indexOf(c.feature);
      return Math.sign(model.logistic.weights[j] ?? 0) === WARNING_SIGN[c.feature];
    })
    .slice(0, 3);
}

/** Below this (log-odds per SD) a feature's weight is shown as pushing neither way. */
const NEGLIGIBLE_WEIGHT = 0.01;

/** The model card: when and on what the fit in use was made, how well it did, each feature's direction. */
export async function getModelCard(ctx: RequestContext, tx: Db): Promise<TRiskModelCard> {
  if (!canAnywhere(ctx.actor, RISK_MODEL_VIEW)) throw new ForbiddenError('risk_model');
  const stored = await findLatestRiskModel(tx);
  if (!stored) return { model: null };
  const { model } = stored;
  return {
    model: {
      fittedAt: stored.fittedAt,
      periods: stored.periods,
      rows: stored.rows,
      positives: stored.positives,
      metrics: stored.metrics,
      features: model.features.map((feature, j) => {
        const weight = model.logistic.weights[j] ?? 0;
        const direction = Math.abs(weight) < NEGLIGIBLE_WEIGHT ? 'none' : weight > 0 ? 'raises' : 'lowers';
        return { feature, direction, weight };
      }),
    },
  };
}

/** Checks that the caller may refit the national score (the national admin); 403 otherwise. */
export async function checkRefit(ctx: RequestContext, tx: Db): Promise<void> {
  const root = await findRoot(tx);
  if (!root || !can(ctx.actor, RISK_SCORE_REFIT, { orgPath: root.path }))
    throw new ForbiddenError('risk_model');
}

/** Records who asked for a refit and the job that does it. */
export async function auditRefitRequest(ctx: RequestContext, jobId: string, tx: Db): Promise<void> {
  await writeAudit(tx, ctx, { action: 'risk_score.refit', entityType: 'job', entityId: jobId });
}

/**
 * A school's students with indicators in the semester ranked by the fit in use, each with the
 * indicators that raise the score most. The watch list's roles and scope: without the watch list at
 * all 403 (assigned-only roles such as teachers: the ranks compare a student with the whole school);
 * a school outside the scope, or a student not ranked at the school, 404. Audited like the watch list.
 */
export async function getRanks(ctx: RequestContext, q: TRiskRanksQuery, tx: Db): Promise<TRiskRanks> {
  if (scopePaths(ctx.actor, RISK_RANKS_VIEW).length === 0) throw new AppError(403, 'forbidden');
  const school = await findOrganisationById(tx, q.schoolId);
  if (!school || school.type !== 'school' || !can(ctx.actor, RISK_RANKS_VIEW, { orgPath: school.path }))
    throw new NotFoundError('organisation', q.schoolId);
  const semester = q.semesterId ? await findSemester(tx, q.semesterId) : await findCurrentSemester(tx);
  if (!semester) throw new NotFoundError('semester', q.semesterId);
  const rows = (await findLabelledRows(tx, semester, [school.path])).filter((r) => r.schoolId === school.id);
  if (q.studentId && !rows.some((r) => r.studentId === q.studentId))
    throw new NotFoundError('student', q.studentId, school.id);
  const stored = await findLatestRiskModel(tx);
  await writeAudit(tx, ctx, {
    action: 'risk_score.ranks_read',
    entityType: 'student',
    entityId: q.studentId ?? null,
    orgId: school.id,
  });
  if (!stored) return { semesterId: semester.id, fittedAt: null, total: rows.length, items: [] };
  const ranks = ranksWithin(rows.map((r) => riskProbability(stored.model, r.risk)));
  const items = rows
    .map((r, i) => ({
      studentId: r.studentId,
      rank: ranks[i] as number,
      contributors: readableContributors(stored.model, r.risk).map((c) => ({
        feature: c.feature,
        value: c.value,
      })),
    }))
    .filter((r) => !q.studentId || r.studentId === q.studentId)
    .sort((a, b) => a.rank - b.rank);
  return { semesterId: semester.id, fittedAt: stored.fittedAt, total: rows.length, items };
}
