import type { TRecomputeIndicatorsBody } from '../../../common/api/jobs.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { type JobContext, JobError } from '../../platform/jobs.ts';
import { can } from '../../platform/policy/gate.ts';
import { findCurrentSemester, findSemesters } from '../calendar/index.ts';
import { findOrganisationById, findOrganisationsInScope } from '../organisations/index.ts';
import { INDICATORS_RECOMPUTE, WATCH_LIST_VIEW } from './policy.ts';
import { ofSchool, refreshIndicators } from './repo.ts';

/** The job that recomputes student indicators for an organisation's schools. */
export const RECOMPUTE_INDICATORS_JOB = 'indicators.recompute';

/** What the job is given: the organisation (nation, municipality or school) and the semester. */
export interface RecomputeIndicatorsData {
  orgId: string;
  semesterId: string;
}

/**
 * Checks that the caller may recompute the organisation's indicators and names the semester (the
 * current one unless given). The organisation outside the caller's sight is a 404.
 */
export async function prepareIndicatorRecompute(
  ctx: RequestContext,
  orgId: string,
  body: TRecomputeIndicatorsBody,
  tx: Db,
): Promise<RecomputeIndicatorsData> {
  const org = await findOrganisationById(tx, orgId);
  if (!org || org.type === 'partner' || !can(ctx.actor, WATCH_LIST_VIEW, { orgPath: org.path }))
    throw new NotFoundError('organisation', orgId);
  if (!can(ctx.actor, INDICATORS_RECOMPUTE, { orgPath: org.path }))
    throw new ForbiddenError('organisation', orgId, orgId);
  const semester = body.semesterId
    ? (await findSemesters(tx)).find((s) => s.id === body.semesterId)
    : await findCurrentSemester(tx);
  if (!semester) throw new NotFoundError('semester', body.semesterId);
  await writeAudit(tx, ctx, {
    action: 'indicators.recompute',
    entityType: 'organisation',
    entityId: org.id,
    orgId: org.id,
  });
  return { orgId: org.id, semesterId: semester.id };
}

/**
 * The job: recomputes the semester's indicators school by school (one transaction each, so a
 * national run never holds one long transaction), reporting schools done of all.
 */
export async function recomputeIndicators(
  database: Database,
  data: RecomputeIndicatorsData,
  job: JobContext,
): Promise<{ schools: number; students: number }> {
  const { schools, semester, previous } = await database.read(async (db) => {
    const org = await findOrganisationById(db, data.orgId);
    const all = (await findSemesters(db)).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    const i = all.findIndex((s) => s.id === data.semesterId);
    const inScope = org ? await findOrganisationsInScope(db, [org.path]) : [];
    return {
      schools: inScope.filter((o) => o.type === 'school'),
      semester: i >= 0 ? all[i] : null,
      previous: i > 0 ? all[i - 1] : null,
    };
  });
  if (!semester) throw new JobError('not_found');
  await job.progress(0, schools.length);
  let students = 0;
  for (const [n, school] of schools.entries()) {
    students += await database.withTx((tx) => refreshIndicators(tx, semester, previous, ofSchool(school.id)));
    await job.progress(n + 1, schools.length);
  }
  return { schools: schools.length, students };
}
