import type {
  TReportIndicators,
  TReportPeriods,
  TReportQuery,
  TReportStudents,
} from '../../../common/api/reports.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { currentPeriodCode, findPeriods } from './periods.ts';
import { REPORT_REFRESH, REPORT_STUDENTS, REPORT_VIEW } from './policy.ts';
import { buildIndicators, headline, suppressIndicators } from './present.ts';
import { findFigures, markRequested } from './refresh-repo.ts';
import * as repo from './repo.ts';
import { presentOrg, presentPeriod, reportPeriod, reportScope } from './scope.ts';

/** GET /api/reports/periods: every period the calendar has, newest first, and the current semester. */
export async function getPeriods(ctx: RequestContext, tx: Db): Promise<TReportPeriods> {
  if (!canAnywhere(ctx.actor, REPORT_VIEW)) throw new ForbiddenError('report');
  const periods = await findPeriods(tx);
  const current = (await currentPeriodCode(tx)) ?? periods[0]?.code;
  if (!current) throw new NotFoundError('period');
  return { current, items: periods.map(presentPeriod) };
}

/** Partners' names for the keys of referrals_by_partner. */
async function partnerLabels(tx: Db, rows: repo.FigureRow[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(rows.filter((r) => r.indicator === 'referrals_by_partner').map((r) => r.key)),
  ].filter((k) => /^[0-9a-f-]{36}$/i.test(k));
  return new Map((await repo.findOrgsByIds(tx, ids)).map((o) => [o.id, o.name]));
}

/**
 * GET /api/reports/indicators: the organisation's figures in the period, its children's headline
 * figures, and for the auditor everything suppressed. Also the base of every export.
 */
export async function getIndicators(
  ctx: RequestContext,
  q: TReportQuery,
  tx: Db,
): Promise<TReportIndicators> {
  const scope = await reportScope(ctx, tx, q.org);
  const period = await reportPeriod(tx, q.period);
  const children = scope.org.type === 'school' ? [] : await repo.findChildren(tx, scope.org.id);
  // The read model's own reader (one indexed range per organisation).
  const rows = (await findFigures(tx, period.code, [scope.org.id, ...children.map((c) => c.id)])).map(
    (r): repo.FigureRow => ({ ...r, period: period.code, org_id: r.orgId }),
  );
  const own = rows.filter((r) => r.org_id === scope.org.id);
  const refresh = await repo.findRefresh(tx, period.code);
  const answer: TReportIndicators = {
    org: presentOrg(scope.org),
    path: scope.path.map(presentOrg),
    period: presentPeriod(period),
    refreshedAt: refresh.refreshed_at,
    refreshRequestedAt: refresh.requested_at,
    suppressed: scope.suppressed,
    studentsDrillDown: scope.studentsDrillDown,
    indicators: buildIndicators(own, await partnerLabels(tx, own)),
    children: children.map((c) => ({
      org: presentOrg(c),
      cells: headline(rows.filter((r) => r.org_id === c.id)),
    })),
    childrenTotal: headline(own),
  };
  if (scope.suppressed) suppressIndicators(answer);
  return answer;
}

/**
 * GET /api/reports/students: one school's students behind the figures (a flag, a risk or a plan in
 * the period), never for the auditor. Student data: the read is audited; the scope is in the SQL.
 */
export async function getStudents(
  ctx: RequestContext,
  q: { org: string; period?: string; limit: number; offset: number },
  tx: Db,
): Promise<TReportStudents> {
  const scope = await reportScope(ctx, tx, q.org);
  if (!scope.studentsDrillDown) throw new ForbiddenError('report', scope.org.id, scope.org.id);
  if (scope.org.type !== 'school')
    throw new AppError(400, 'report_school_only', [{ path: 'org', message: 'report_school_only' }]);
  const period = await reportPeriod(tx, q.period);
  const { rows, total } = await repo.findReportStudents(tx, {
    schoolId: scope.org.id,
    scope: scopePaths(ctx.actor, REPORT_STUDENTS),
    semesterIds: period.semesterIds,
    schoolYear: period.schoolYear,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    limit: q.limit,
    offset: q.offset,
  });
  await writeAudit(tx, ctx, {
    action: 'report.students_view',
    entityType: 'organisation',
    entityId: scope.org.id,
    orgId: scope.org.id,
  });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      classLabel: r.class_label,
      flagged: r.flagged,
      risks: r.risks,
      planId: r.plan_id,
      planCode: r.plan_code,
      planStatus: r.plan_status,
      supported: r.supported,
      outcome: r.outcome as TReportStudents['items'][number]['outcome'],
    })),
  };
}

/**
 * POST /api/reports/refresh, before the job is sent: the caller may ask (REPORT_REFRESH_ROLES), the
 * period exists (default: the current semester), and the request is recorded for the dashboards.
 * Returns the job's data and the organisation whose staff may poll it (the caller's widest grant).
 */
export async function prepareRefresh(
  ctx: RequestContext,
  body: { period?: string },
  tx: Db,
): Promise<{ period: string; orgId: string | null }> {
  const paths = scopePaths(ctx.actor, REPORT_REFRESH);
  if (paths.length === 0) throw new ForbiddenError('report');
  const period = await reportPeriod(tx, body.period);
  await markRequested(tx, period.code, now());
  const widest = paths.sort((a, b) => a.length - b.length)[0];
  return { period: period.code, orgId: widest.split('/').filter(Boolean).at(-1) ?? null };
}
