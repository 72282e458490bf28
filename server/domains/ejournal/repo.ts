import { type SQL, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';
import { refreshCoverageAndFlags } from './flag-count-repo.ts';
import { LEGAL_DUTY_UNJUSTIFIED_LESSONS } from './legal-duty-repo.ts';

export type AttendanceRow = {
  studentId: string;
  onDate: string;
  lessonNo: number;
  lessons: number;
  subject: string | null;
  reason: string;
  source: string;
};
export type MarkRow = {
  studentId: string;
  subject: string;
  onDate: string;
  mark: string;
  value: number | null;
  source: string;
};
export type BehaviourRow = {
  studentId: string;
  onDate: string;
  kind: string;
  note: string;
  noteHash: string;
  source: string;
};

type Counted = { inserted: number; updated: number };

async function countReturned(db: Db, query: SQL): Promise<Counted> {
  const rows = await queryRows<{ inserted: boolean }>(db, query);
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

/** Upserts absences by student, date and lesson; a row that is the same is left alone. */
export async function upsertAttendance(db: Db, rows: AttendanceRow[]): Promise<Counted> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.studentId}::uuid, ${r.onDate}::date, ${r.lessonNo}::smallint, ${r.lessons}::smallint, ${r.subject}, ${r.reason}, ${r.source})`,
    ),
    sql`, `,
  );
  return countReturned(
    db,
    sql`insert into attendance (student_id, on_date, lesson_no, lessons, subject, reason, source) values ${values}
      on conflict (student_id, on_date, lesson_no) do update set lessons = excluded.lessons, subject = excluded.subject, reason = excluded.reason, source = excluded.source
      where (attendance.lessons, attendance.subject, attendance.reason) is distinct from (excluded.lessons, excluded.subject, excluded.reason)
      returning (xmax = 0) as inserted`,
  );
}

/** Upserts marks by student, subject and date. */
export async function upsertMarks(db: Db, rows: MarkRow[]): Promise<Counted> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.studentId}::uuid, ${r.subject}, ${r.onDate}::date, ${r.mark}, ${r.value}::smallint, ${r.source})`,
    ),
    sql`, `,
  );
  return countReturned(
    db,
    sql`insert into marks (student_id, subject, on_date, mark, value, source) values ${values}
      on conflict (student_id, subject, on_date) do update set mark = excluded.mark, value = excluded.value, source = excluded.source
      where marks.mark is distinct from excluded.mark
      returning (xmax = 0) as inserted`,
  );
}

/** Inserts behaviour notes; the same note on the same day is not added twice. */
export async function upsertBehaviour(db: Db, rows: BehaviourRow[]): Promise<Counted> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const values = sql.join(
    rows.map(
      (r) => sql`(${r.studentId}::uuid, ${r.onDate}::date, ${r.kind}, ${r.note}, ${r.noteHash}, ${r.source})`,
    ),
    sql`, `,
  );
  return countReturned(
    db,
    sql`insert into behaviour_notes (student_id, on_date, kind, note, note_hash, source) values ${values}
      on conflict (student_id, on_date, note_hash) do update set kind = excluded.kind
      where behaviour_notes.kind is distinct from excluded.kind
      returning (xmax = 0) as inserted`,
  );
}

/** Students of a school by personal code, for matching e-journal rows. */
export async function findSchoolStudentsByCode(db: Db, schoolId: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; personal_code: string }>(
    db,
    sql`select id, personal_code from students where school_id = ${schoolId}`,
  );
  return new Map(rows.map((r) => [r.personal_code, r.id]));
}

/**
 * Recomputes the indicators of the students matched by `studentFilter` (a condition on `s`) for one
 * semester, in SQL: lessons missed by reason, lessons present, the latest attendance record, subjects
 * whose latest mark is below 4 or `nv`, mark average now and in the previous semester, negative
 * behaviour notes, and the day unjustified lessons passed 20; then the schools' journal coverage and
 * the flag counts (refreshCoverageAndFlags).
 * Every part reads only the matched students' rows (a hand-entered mark reads one student's marks,
 * not every student's previous semester nationally). Attendance, the large part, is summed student
 * by student along the unique index (no sort of a school's semester, however the rows are estimated).
 */
export async function refreshIndicators(
  db: Db,
  semester: { id: string; startsOn: string; endsOn: string },
  previous: { startsOn: string; endsOn: string } | null,
  studentFilter: SQL,
): Promise<number> {
  const { startsOn: from, endsOn: to } = semester;
  const prevAvg = previous
    ? sql`(select student_id, round(avg(value), 2) as avg from marks where student_id in (select id from target) and on_date between ${previous.startsOn}::date and ${previous.endsOn}::date and value is not null group by student_id)`
    : sql`(select null::uuid as student_id, null::numeric as avg where false)`;
  const rows = await queryRows<{ student_id: string }>(
    db,
    sql`
    with target as (select s.id, s.school_id from students s where ${studentFilter}),
    a as (
      select t.id as student_id, x.* from target t cross join lateral (
        select coalesce(sum(lessons) filter (where reason = 'unjustified'), 0) as unj,
          coalesce(sum(lessons) filter (where reason = 'justified'), 0) as jus,
          coalesce(sum(lessons) filter (where reason = 'other'), 0) as oth,
          coalesce(sum(lessons) filter (where reason = 'present'), 0) as pre,
          max(on_date) as last
        from attendance where student_id = t.id and on_date between ${from}::date and ${to}::date) x),
    legal as (
      select student_id, min(on_date) as crossed from (
        select student_id, on_date, sum(lessons) over (partition by student_id order by on_date, lesson_no) as cum
        from attendance where student_id in (select id from target) and reason = 'unjustified' and on_date between ${from}::date and ${to}::date
      ) x where cum > ${LEGAL_DUTY_UNJUSTIFIED_LESSONS} group by student_id),
    m as (
      select student_id, round(avg(value), 2) as avg, max(on_date) as last
      from marks where student_id in (select id from target) and on_date between ${from}::date and ${to}::date group by student_id),
    ml as (
      select student_id, count(*) filter (where value < 4 or lower(mark) = 'nv') as low from (
        select distinct on (student_id, subject) student_id, value, mark
        from marks where student_id in (select id from target) and on_date between ${from}::date and ${to}::date
        order by student_id, subject, on_date desc) latest group by student_id),
    b as (
      select student_id, count(*) filter (where kind = 'negative') as n, max(on_date) as last
      from behaviour_notes where student_id in (select id from target) and on_date between ${from}::date and ${to}::date group by student_id),
    p as ${prevAvg}
    insert into student_indicators as si (student_id, semester_id, school_id, unjustified_lessons, justified_lessons, other_lessons,
      present_lessons, low_marks, mark_average, previous_average, behaviour_notes, legal_duty_crossed_on, last_record_on, last_attendance_on, computed_at)
    select t.id, ${semester.id}::uuid, t.school_id, coalesce(a.unj, 0), coalesce(a.jus, 0), coalesce(a.oth, 0), coalesce(a.pre, 0),
      coalesce(ml.low, 0), m.avg, p.avg, coalesce(b.n, 0), legal.crossed, greatest(a.last, m.last, b.last), a.last, ${now()}
    from target t
      left join a on a.student_id = t.id left join m on m.student_id = t.id left join ml on ml.student_id = t.id
      left join b on b.student_id = t.id
      left join legal on legal.student_id = t.id left join p on p.student_id = t.id
    on conflict (student_id, semester_id) do update set school_id = excluded.school_id,
      unjustified_lessons = excluded.unjustified_lessons, justified_lessons = excluded.justified_lessons,
      other_lessons = excluded.other_lessons, present_lessons = excluded.present_lessons, low_marks = excluded.low_marks,
      mark_average = excluded.mark_average, previous_average = excluded.previous_average, behaviour_notes = excluded.behaviour_notes,
      legal_duty_crossed_on = excluded.legal_duty_crossed_on, last_record_on = excluded.last_record_on,
      last_attendance_on = excluded.last_attendance_on, computed_at = now()
    returning si.student_id`,
  );
  await refreshCoverageAndFlags(db, semester, studentFilter);
  return rows.length;
}

/** SQL condition on `s`: the students of one school. */
export const ofSchool = (schoolId: string): SQL => sql`s.school_id = ${schoolId}`;
/** SQL condition on `s`: one student. */
export const ofStudent = (studentId: string): SQL => sql`s.id = ${studentId}`;
