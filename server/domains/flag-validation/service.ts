import {
  SUGGESTION_RULE,
  type TFlagValidation,
  type TFlagValidationQuery,
} from '../../../common/api/flag-validation.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { findSemesters, schoolYearOf } from '../calendar/index.ts';
import { THRESHOLDS_MANAGE } from '../ejournal/index.ts';
import { findLabelledRows, findLatestRiskModel } from '../risk-score/index.ts';
import { validateFlags } from './compute.ts';
import { FLAG_VALIDATION_VIEW } from './policy.ts';
import * as repo from './repo.ts';

/** The organisation asked for (default: the caller's widest grant); 404 unless a municipality or the nation in scope. */
async function validationOrg(ctx: RequestContext, tx: Db, orgId?: string): Promise<repo.ValidationOrgRow> {
  if (!canAnywhere(ctx.actor, FLAG_VALIDATION_VIEW)) throw new ForbiddenError('organisation');
  const widest = scopePaths(ctx.actor, FLAG_VALIDATION_VIEW).sort((a, b) => a.length - b.length)[0];
  const id = orgId ?? widest?.split('/').filter(Boolean).at(-1);
  const org = id ? await repo.findValidationOrg(tx, id) : null;
  if (!org || !can(ctx.actor, FLAG_VALIDATION_VIEW, { orgPath: org.path }))
    throw new NotFoundError('organisation', id);
  return org;
}

/**
 * GET /api/flag-validation: how well the flags foretold the outcomes of a past semester's students
 * in a municipality or the nation, with the fairness figures. Reads students' outcomes: audited.
 */
export async function getFlagValidation(
  ctx: RequestContext,
  q: TFlagValidationQuery,
  tx: Db,
): Promise<TFlagValidation> {
  const org = await validationOrg(ctx, tx, q.org);
  const today = todayInLatvia();
  const known = await repo.countKnownOutcomes(tx, org.path, today);
  const semesters = (await findSemesters(tx)) // newest first
    .filter((s) => s.endsOn < today)
    .map((s) => ({
      id: s.id,
      schoolYear: s.schoolYear,
      number: s.number,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      knownOutcomes: known.get(s.id) ?? 0,
    }));
  const semester = q.semester
    ? semesters.find((s) => s.id === q.semester)
    : (semesters.find((s) => s.knownOutcomes > 0) ?? semesters[0] ?? null);
  if (semester === undefined) throw new NotFoundError('semester', q.semester);
  const rows = semester ? await findLabelledRows(tx, semester, [org.path]) : [];
  const yearsSince = semester ? Math.max(0, schoolYearOf(today) - semester.schoolYear) : 0;
  const model = await findLatestRiskModel(tx);
  await writeAudit(tx, ctx, {
    action: 'flag_validation.view',
    entityType: 'organisation',
    entityId: org.id,
    orgId: org.id,
  });
  return {
    org: { id: org.id, name: org.name, type: org.type },
    orgs: (await repo.findValidationOrgs(tx, scopePaths(ctx.actor, FLAG_VALIDATION_VIEW))).map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
    })),
    semester,
    semesters,
    figures: validateFlags(rows, yearsSince),
    suggestionRule: SUGGESTION_RULE,
    riskScore: model
      ? {
          fittedAt: model.fittedAt,
          periods: model.periods,
          aucMean: model.metrics.auc.mean,
          aucSd: model.metrics.auc.sd,
        }
      : null,
    canChangeThresholds: can(ctx.actor, THRESHOLDS_MANAGE, { orgPath: org.path }),
  };
}
