import { bindCursor } from '../../../common/api/cursor.ts';
import {
  FLAG_KEYS,
  type FlagKey,
  type TThresholds,
  type TWatchListItem,
  type TWatchListQuery,
} from '../../../common/api/ejournal.ts';
import { formatDate } from '../../../common/format.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { pageOffset } from '../../platform/cursor.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { t as text } from '../../platform/i18n/index.ts';
import { abilitiesOn, can, scopePaths } from '../../platform/policy/gate.ts';
import { findCurrentSemester, findSemester } from '../calendar/index.ts';
import { findOrganisationById, findRoot } from '../organisations/index.ts';
import { loadVisibleStudent } from '../students/index.ts';
import {
  ensureFlagCounts,
  ensureFlagCountsIn,
  findStaleSemesters,
  refreshFlagCountsUnder,
} from './flag-count-repo.ts';
import { flagsOf } from './flags.ts';
import { LEGAL_DUTY_RECORD, THRESHOLDS_MANAGE, WATCH_LIST_VIEW } from './policy.ts';
import { cachedSummary } from './summary-cache.ts';
import {
  countWatchList,
  DEFAULT_THRESHOLDS,
  findIndicatorRows,
  findThresholdRow,
  findWatchListPage,
  type IndicatorRow,
  insertLegalDutyNotice,
  upsertThresholds,
} from './watch-list-repo.ts';

async function semesterFor(tx: Db, semesterId?: string) {
  const semester = semesterId ? await findSemester(tx, semesterId) : await findCurrentSemester(tx);
  if (!semester) throw new NotFoundError('semester', semesterId);
  return semester;
}

function watchScope(ctx: RequestContext): string[] {
  const scope = scopePaths(ctx.actor, WATCH_LIST_VIEW);
  if (scope.length === 0) throw new AppError(403, 'forbidden');
  return scope;
}

/**
 * The one school the caller's scope is (a school coordinator), so that the page reads the school's
 * own order index through an equality: left to `school_id in (schools under the path)`, PostgreSQL
 * walked the nation's order index for a school's few flagged students (about 1 s on 220,000).
 */
function onlySchoolOf(ctx: RequestContext, scope: string[]): string | undefined {
  if (scope.length !== 1) return undefined;
  return (ctx.actor?.grants ?? []).find((g) => g.orgType === 'school' && g.orgPath === scope[0])?.orgId;
}

/** The row's abilities from the gate, on what the row's own query returned (no query per row). */
function rowAbilities(r: IndicatorRow, ctx: RequestContext): TWatchListItem['can'] {
  const assigned =
    typeof r.assigned_user_ids === 'string' ? JSON.parse(r.assigned_user_ids) : r.assigned_user_ids;
  const resource = { orgPath: r.school_path, assignedUserIds: assigned as string[] };
  const student = abilitiesOn(ctx.actor, 'student', resource);
  return {
    createPlan: r.plan_status == null && student.createPlan === true,
    recordLegalDuty:
      r.legal_duty_crossed_on !== null &&
      r.informed_on === null &&
      can(ctx.actor, LEGAL_DUTY_RECORD, resource),
  };
}

function present(r: IndicatorRow, ctx: RequestContext): TWatchListItem {
  return {
    studentId: r.student_id,
    firstName: r.first_name,
    lastName: r.last_name,
    classLabel: r.class_label,
    grade: r.grade,
    course: r.course,
    schoolId: r.school_id,
    schoolName: r.school_name,
    flags: flagsOf(r, ctx.language),
    assessed: r.assessed,
    legalDuty: r.legal_duty_crossed_on
      ? { crossedOn: r.legal_duty_crossed_on, informedOn: r.informed_on }
      : null,
    lastRecordOn: r.last_record_on,
    planStatus: (r.plan_status ?? null) as TWatchListItem['planStatus'],
    can: rowAbilities(r, ctx),
  };
}

/** Flagged students in the caller's scope (a school or a whole municipality), most flags and most recent first. */
export async function getWatchList(ctx: RequestContext, q: TWatchListQuery, tx: Db, audit = true) {
  const scope = watchScope(ctx);
  const semester = await semesterFor(tx, q.semesterId);
  await ensureFlagCountsIn(tx, semester, scope);
  const { rows, total, totalAtLeast, nextCursor } = await findWatchListPage(tx, {
    semesterId: semester.id,
    scope,
    schoolId: q.schoolId ?? onlySchoolOf(ctx, scope),
    grade: q.grade,
    flag: q.flag,
    // The start page counts every open legal duty, flagged or not: the filtered list shows the same students.
    onlyFlagged: q.legalDuty !== 'open',
    legalDutyOpen: q.legalDuty === 'open',
    onlyUnassessed: q.onlyUnassessed === 'true',
    withoutPlan: q.withoutPlan === 'true',
    limit: q.pageSize,
    offset: pageOffset(q),
    cursor: q.cursor,
  });
  if (audit)
    await writeAudit(tx, ctx, {
      action: 'watch_list.read',
      entityType: 'student',
      orgId: q.schoolId ?? null,
    });
  return {
    semesterId: semester.id,
    items: rows.map((r) => present(r, ctx)),
    total,
    totalAtLeast,
    nextCursor: bindCursor(nextCursor, q),
  };
}

/**
 * The counts for the start page: exact for a school; for a wider scope (a municipality, the nation)
 * counted at most once a minute per scope in this process (summary-cache.ts).
 */
export async function getWatchListSummary(
  ctx: RequestContext,
  q: { schoolId?: string; semesterId?: string },
  tx: Db,
) {
  const scope = watchScope(ctx);
  const semester = await semesterFor(tx, q.semesterId);
  const count = async () => {
    await ensureFlagCountsIn(tx, semester, scope);
    return countWatchList(tx, { semesterId: semester.id, scope, schoolId: q.schoolId });
  };
  const wide =
    !q.schoolId && (ctx.actor?.grants ?? []).some((g) => g.orgType !== 'school' && scope.includes(g.orgPath));
  const row = wide
    ? await cachedSummary(`${semester.id} ${[...scope].sort().join(' ')}`, count)
    : await count();
  return {
    semesterId: semester.id,
    flagged: row.flagged,
    unassessed: row.unassessed,
    legalDutyOpen: row.legal_open,
    studentsWithData: row.with_data,
  };
}

/** The watch list as an XLSX workbook (every flagged student, not only one page). */
export async function exportWatchList(ctx: RequestContext, q: TWatchListQuery, tx: Db): Promise<Buffer> {
  // One audit row for the export, not a read and an export.
  const { items } = await getWatchList(
    ctx,
    { ...q, page: 1, cursor: undefined, pageSize: 100_000 } as TWatchListQuery,
    tx,
    false,
  );
  const lang = ctx.language;
  // Loaded when first used: exceljs takes most of a second to load, which every start would pay.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(text(lang, 'watchList.sheet'));
  const widths = {
    lastName: 20,
    firstName: 16,
    classLabel: 12,
    schoolName: 34,
    flags: 70,
    assessed: 14,
    crossed: 18,
    informed: 18,
  } as const;
  ws.columns = (Object.keys(widths) as (keyof typeof widths)[]).map((key) => ({
    header: text(lang, `watchList.columns.${key}`),
    key,
    width: widths[key],
  }));
  ws.getRow(1).font = { bold: true };
  for (const i of items) {
    ws.addRow({
      ...i,
      flags: i.flags.map((f) => f.message).join('; '),
      assessed: text(lang, i.assessed ? 'watchList.yes' : 'watchList.no'),
      crossed: i.legalDuty ? formatDate(i.legalDuty.crossedOn) : '',
      informed: i.legalDuty?.informedOn ? formatDate(i.legalDuty.informedOn) : '',
    });
  }
  await writeAudit(tx, ctx, {
    action: 'watch_list.export',
    entityType: 'student',
    orgId: q.schoolId ?? null,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Records that the school informed the municipality; only once the student passed 20 unjustified lessons. */
export async function recordLegalDuty(
  ctx: RequestContext,
  studentId: string,
  semesterId: string,
  informedOn: string,
  tx: Db,
) {
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, LEGAL_DUTY_RECORD, { orgPath: row.schoolPath }))
    throw new ForbiddenError('student', studentId, row.schoolId);
  const semester = await semesterFor(tx, semesterId);
  const [ind] = await findIndicatorRows(tx, {
    semesterId: semester.id,
    scope: [row.schoolPath],
    studentId,
    onlyFlagged: false,
    onlyUnassessed: false,
    limit: 1,
    offset: 0,
  });
  if (!ind?.legal_duty_crossed_on) throw badRequest('legal_duty_not_due', 'semesterId');
  if (informedOn < ind.legal_duty_crossed_on || informedOn > todayInLatvia())
    throw badRequest('invalid_date', 'informedOn');
  if (!(await insertLegalDutyNotice(tx, studentId, semester.id, informedOn, ctx.actor?.userId ?? null)))
    throw conflict('legal_duty_recorded');
  await writeAudit(tx, ctx, {
    action: 'legal_duty.record',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}

/** The thresholds in force for an organisation (municipality or nation) and whether they are inherited. */
export async function getThresholds(ctx: RequestContext, orgId: string, tx: Db) {
  const org = await findOrganisationById(tx, orgId);
  if (
    !org ||
    (org.type !== 'municipality' && org.type !== 'nation') ||
    !can(ctx.actor, WATCH_LIST_VIEW, { orgPath: org.path })
  )
    throw new NotFoundError('organisation', orgId);
  const own = await findThresholdRow(tx, org.id);
  const root = await findRoot(tx);
  const national = root && root.id !== org.id ? await findThresholdRow(tx, root.id) : null;
  const r = own ?? national;
  const t: TThresholds = r
    ? {
        unjustifiedLessons: r.unjustified_lessons,
        lowMarks: r.low_marks,
        averageDrop: Number(r.average_drop),
        behaviourNotes: r.behaviour_notes,
        attendanceRate: Number(r.attendance_rate),
        lessonsPerDay: r.lessons_per_day,
      }
    : { ...DEFAULT_THRESHOLDS };
  // Switched-off flags inherit column by column, as the SQL reads them (flagInputColumns).
  const disabledFlags = (own?.disabled_flags ??
    national?.disabled_flags ??
    DEFAULT_THRESHOLDS.disabledFlags) as FlagKey[];
  return {
    ...t,
    disabledFlags: FLAG_KEYS.filter((k) => disabledFlags.includes(k)),
    organisationId: org.id,
    inherited: own === null,
  };
}

/** Sets a municipality's (or the nation's) thresholds. */
export async function setThresholds(ctx: RequestContext, orgId: string, t: TThresholds, tx: Db) {
  const org = await findOrganisationById(tx, orgId);
  if (
    !org ||
    (org.type !== 'municipality' && org.type !== 'nation') ||
    !can(ctx.actor, WATCH_LIST_VIEW, { orgPath: org.path })
  )
    throw new NotFoundError('organisation', orgId);
  if (!can(ctx.actor, THRESHOLDS_MANAGE, { orgPath: org.path }))
    throw new ForbiddenError('organisation', orgId, orgId);
  await upsertThresholds(tx, org.id, t, ctx.actor?.userId ?? null);
  await refreshFlagCountsUnder(tx, org.path);
  await writeAudit(tx, ctx, {
    action: 'thresholds.update',
    entityType: 'organisation',
    entityId: org.id,
    orgId: org.id,
  });
  return getThresholds(ctx, orgId, tx);
}

/**
 * The scheduled job `indicators.flag-days`: makes the stored flag counts of every semester not kept
 * as current (a student moved school; the definitions changed) current. Nothing depends on the day
 * any more (the attendance rate counts lessons up to the journal's coverage), so when every semester
 * is kept the job reads one small table and writes nothing. Returns the semesters recounted.
 */
export async function refreshFlagDays(tx: Db): Promise<{ semesters: number }> {
  const stale = await findStaleSemesters(tx);
  for (const semester of stale) await ensureFlagCounts(tx, semester);
  return { semesters: stale.length };
}
