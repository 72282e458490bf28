import type { TReportOrg } from '../../../common/api/reports.ts';
import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { currentPeriodCode, findPeriods, type ResolvedPeriod } from './periods.ts';
import { REPORT_STUDENTS, REPORT_VIEW, REPORT_VIEW_FULL } from './policy.ts';
import * as repo from './repo.ts';

/**
 * Whose report the caller reads: the organisation (default: the widest the caller's report grants
 * reach), the way up to it within the caller's scope, and how the caller sees it — the auditor
 * (no report role but the auditor's on it) suppressed and without the drill-down.
 */
export interface ReportScope {
  org: repo.ReportOrgRow;
  path: repo.ReportOrgRow[];
  suppressed: boolean;
  studentsDrillDown: boolean;
}

export const presentOrg = (o: repo.ReportOrgRow): TReportOrg => ({ id: o.id, name: o.name, type: o.type });

/** The ids on an organisation path '/a/b/c/', root first. */
const idsOf = (path: string): string[] => path.split('/').filter(Boolean);

export async function reportScope(ctx: RequestContext, tx: Db, orgId?: string): Promise<ReportScope> {
  if (!canAnywhere(ctx.actor, REPORT_VIEW)) throw new ForbiddenError('report');
  let id = orgId;
  if (!id) {
    // The widest grant: the shortest path among the report grants' subtrees.
    const widest = scopePaths(ctx.actor, REPORT_VIEW).sort((a, b) => a.length - b.length)[0];
    id = widest ? idsOf(widest).at(-1) : undefined;
  }
  const org = id ? await repo.findReportOrg(tx, id) : null;
  if (!org) throw new NotFoundError('organisation', id);
  if (!can(ctx.actor, REPORT_VIEW, { orgPath: org.path }))
    throw new NotFoundError('organisation', org.id, org.id);
  const up = await repo.findOrgsByIds(tx, idsOf(org.path));
  const byId = new Map(up.map((o) => [o.id, o]));
  const path = idsOf(org.path)
    .map((x) => byId.get(x))
    .filter((o): o is repo.ReportOrgRow => !!o && can(ctx.actor, REPORT_VIEW, { orgPath: o.path }));
  const suppressed = !can(ctx.actor, REPORT_VIEW_FULL, { orgPath: org.path });
  return {
    org,
    path,
    suppressed,
    studentsDrillDown: !suppressed && can(ctx.actor, REPORT_STUDENTS, { orgPath: org.path }),
  };
}

/** The period asked for (default: the current semester, else the newest the calendar has); 404 if none. */
export async function reportPeriod(tx: Db, code?: string): Promise<ResolvedPeriod> {
  const periods = await findPeriods(tx);
  const wanted = code ?? (await currentPeriodCode(tx)) ?? periods[0]?.code;
  const found = periods.find((p) => p.code === wanted);
  if (!found) throw new NotFoundError('period');
  return found;
}

/** A resolved period as the API shows it. */
export const presentPeriod = (p: ResolvedPeriod) => ({
  code: p.code,
  schoolYear: p.schoolYear,
  semester: p.semester,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});
