import type { EjournalKind, TIndicators } from '../../../common/api/ejournal.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import { findCurrentSemester, findSemester, findSemesters } from '../calendar/index.ts';
import { loadVisibleStudent } from '../students/index.ts';
import { flagsOf } from './flags.ts';
import { EJOURNAL_ENTER, WATCH_LIST_VIEW } from './policy.ts';
import * as repo from './repo.ts';
import { noteHash } from './rows.ts';
import { DEFAULT_THRESHOLDS, findChartSeries, findIndicatorRows } from './watch-list-repo.ts';

/**
 * Recomputes the indicators of every semester touched by `dates` for the students matched, and of
 * the semester after each (begun by today), whose "previous average" reads the touched one: last
 * semester's marks imported after this semester's still reach this semester's flags.
 */
export async function refreshFor(
  tx: Db,
  dates: string[],
  filter: ReturnType<typeof repo.ofSchool>,
): Promise<number> {
  const all = (await findSemesters(tx)).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const today = todayInLatvia();
  const stale = new Set<number>();
  all.forEach((semester, i) => {
    if (!dates.some((d) => d >= semester.startsOn && d <= semester.endsOn)) return;
    stale.add(i);
    if (i + 1 < all.length && all[i + 1].startsOn <= today) stale.add(i + 1);
  });
  let refreshed = 0;
  for (const i of [...stale].sort((a, b) => a - b)) {
    const previous = i > 0 ? all[i - 1] : null;
    refreshed = Math.max(refreshed, await repo.refreshIndicators(tx, all[i], previous, filter));
  }
  return refreshed;
}

/** Adds one absence, mark or behaviour note by hand (small schools without an export). */
export async function enterRecord(
  ctx: RequestContext,
  studentId: string,
  kind: EjournalKind,
  record: Record<string, unknown>,
  tx: Db,
): Promise<void> {
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, EJOURNAL_ENTER, { orgPath: row.schoolPath }))
    throw new ForbiddenError('student', studentId, row.schoolId);
  const onDate = String(record.onDate);
  if (onDate > todayInLatvia()) throw badRequest('date_in_future', 'onDate');
  // A record belongs to a school term: a date outside every semester is a typo, not a record.
  const semesters = await findSemesters(tx);
  if (!semesters.some((s) => onDate >= s.startsOn && onDate <= s.endsOn))
    throw badRequest('date_outside_semesters', 'onDate');
  if (kind === 'attendance') {
    const lessonNo = Number(record.lessonNo ?? 0);
    await repo.upsertAttendance(tx, [
      {
        studentId,
        onDate,
        lessonNo,
        lessons: lessonNo > 0 ? 1 : Number(record.lessons ?? 1),
        subject: (record.subject as string | null) ?? null,
        reason: String(record.reason),
        source: 'manual',
      },
    ]);
  } else if (kind === 'marks') {
    const mark = String(record.mark).toLowerCase();
    await repo.upsertMarks(tx, [
      {
        studentId,
        subject: String(record.subject),
        onDate,
        mark,
        value: /^\d+$/.test(mark) ? Number(mark) : null,
        source: 'manual',
      },
    ]);
  } else {
    const note = String(record.note);
    await repo.upsertBehaviour(tx, [
      {
        studentId,
        onDate,
        kind: String(record.kind),
        note,
        noteHash: noteHash(note),
        source: 'manual',
      },
    ]);
  }
  await refreshFor(tx, [onDate], repo.ofStudent(studentId));
  await writeAudit(tx, ctx, {
    action: `ejournal.enter_${kind}`,
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}

/** A student's indicators and flags for a semester (the current one by default). */
export async function getStudentIndicators(
  ctx: RequestContext,
  studentId: string,
  semesterId: string | undefined,
  tx: Db,
): Promise<TIndicators | null> {
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  const semester = semesterId ? await findSemester(tx, semesterId) : await findCurrentSemester(tx);
  if (!semester) throw new NotFoundError('semester', semesterId);
  const [r] = await findIndicatorRows(tx, {
    semesterId: semester.id,
    scope: [row.schoolPath],
    studentId,
    onlyFlagged: false,
    onlyUnassessed: false,
    limit: 1,
    offset: 0,
  });
  await writeAudit(tx, ctx, {
    action: 'student_indicators.read',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  if (!r) return null;
  return {
    semesterId: semester.id,
    unjustifiedLessons: r.unjustified_lessons,
    justifiedLessons: r.justified_lessons,
    otherLessons: r.other_lessons,
    presentLessons: r.present_lessons,
    attendanceRate: r.attendance_rate === null ? null : Number(r.attendance_rate),
    lowMarks: r.low_marks,
    markAverage: r.mark_average === null ? null : Number(r.mark_average),
    previousAverage: r.previous_average === null ? null : Number(r.previous_average),
    behaviourNotes: r.behaviour_notes,
    flags: flagsOf(r, ctx.language),
    legalDuty: r.legal_duty_crossed_on
      ? { crossedOn: r.legal_duty_crossed_on, informedOn: r.informed_on }
      : null,
  };
}

/** Weekly absences and marks for the student page's charts, with the thresholds to draw. */
export async function getStudentCharts(
  ctx: RequestContext,
  studentId: string,
  semesterId: string | undefined,
  tx: Db,
) {
  const { row } = await loadVisibleStudent(ctx, studentId, tx);
  const semester = semesterId ? await findSemester(tx, semesterId) : await findCurrentSemester(tx);
  if (!semester) throw new NotFoundError('semester', semesterId);
  const series = await findChartSeries(tx, studentId, semester.startsOn, semester.endsOn);
  let cumulative = 0;
  const absences = series.absences.map((a) => {
    cumulative += a.unjustified;
    return {
      weekStart: a.week_start,
      unjustified: a.unjustified,
      justified: a.justified,
      cumulativeUnjustified: cumulative,
    };
  });
  const [ind] = await findIndicatorRows(tx, {
    semesterId: semester.id,
    scope: [row.schoolPath],
    studentId,
    onlyFlagged: false,
    onlyUnassessed: false,
    limit: 1,
    offset: 0,
  });
  await writeAudit(tx, ctx, {
    action: 'student_indicators.read',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return {
    thresholds: {
      unjustifiedLessons: ind ? Number(ind.t_unjustified) : DEFAULT_THRESHOLDS.unjustifiedLessons,
      lowMark: 4,
    },
    absences,
    marks: series.marks.map((m) => ({ onDate: m.on_date, subject: m.subject, mark: m.mark, value: m.value })),
  };
}

export { WATCH_LIST_VIEW };
