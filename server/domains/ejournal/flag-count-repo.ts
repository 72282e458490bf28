import { type SQL, sql } from 'drizzle-orm';
import { FLAG_KEYS, type FlagKey } from '../../../common/api/ejournal.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { escapeLike } from '../../platform/sql-text.ts';
import { DEFAULT_FLAG_SETTINGS } from './flag-rules.ts';

/**
 * The flags as SQL and the stored flag count (student_indicators.flag_count, migration 0025) that the
 * watch list and the start-page counts filter on, so neither recomputes every row of the caller's
 * scope. They mean exactly what flag-rules.ts says (flag-sql.int.test.ts checks it on random rows).
 */

/**
 * Thresholds used when neither the municipality nor the nation has set its own (documented in the
 * README): the flag rules' defaults and the lessons per day the attendance rate counts lessons held by.
 */
export const DEFAULT_THRESHOLDS = {
  unjustifiedLessons: DEFAULT_FLAG_SETTINGS.unjustifiedLessons,
  lowMarks: DEFAULT_FLAG_SETTINGS.lowMarks,
  averageDrop: DEFAULT_FLAG_SETTINGS.averageDrop,
  behaviourNotes: DEFAULT_FLAG_SETTINGS.behaviourNotes,
  attendanceRate: DEFAULT_FLAG_SETTINGS.attendanceRate,
  lessonsPerDay: 7,
  disabledFlags: [...DEFAULT_FLAG_SETTINGS.disabledFlags],
};

/** Each flag's condition on the columns `flagInputColumns` names, whether or not it is switched on. */
const CONDITION_SQL: Record<FlagKey, SQL> = {
  unjustified: sql`unjustified_lessons > t_unjustified`,
  attendance: sql`attendance_rate < t_attendance`,
  low_marks: sql`low_marks >= t_low_marks`,
  average_drop: sql`previous_average - mark_average >= t_average_drop`,
  behaviour: sql`behaviour_notes >= t_behaviour`,
};

/** Each flag as raised (its condition holds and it is not switched off), on the same columns. */
export const FLAG_SQL = Object.fromEntries(
  FLAG_KEYS.map((k) => [k, sql`(${CONDITION_SQL[k]}) and not (${k}::text = any(t_disabled))`]),
) as Record<FlagKey, SQL>;

/** How many flags a row raises. */
export const flagCount = sql.join(
  FLAG_KEYS.map((k) => sql`coalesce((${FLAG_SQL[k]})::int, 0)`),
  sql` + `,
);

/**
 * For the school `o` of indicators `i`: the thresholds in force (the municipality's, else the
 * nation's, else the defaults) as joins `tm` and `tn`, and the school's journal coverage `jc`.
 */
export const thresholdJoins = sql`left join organisations par on par.id = o.parent_id and par.type = 'municipality'
        left join flag_thresholds tm on tm.org_id = par.id
        left join flag_thresholds tn on tn.org_id = (select id from organisations where type = 'nation' limit 1)
        left join journal_coverage jc on jc.semester_id = i.semester_id and jc.school_id = i.school_id`;

/**
 * The attendance rate of indicators `i` and the thresholds, as the columns the flags read. The rate
 * is present ÷ recorded lessons when the journal records present lessons, else 1 − missed ÷ lessons
 * held, the lessons held being the school days up to the school's latest attendance record in the
 * semester (journal_coverage) × lessons per day: the wall clock does not enter.
 */
export function flagInputColumns(_schoolDaysBefore0034?: number): SQL {
  const d = DEFAULT_THRESHOLDS;
  const disabled = sql.join(
    d.disabledFlags.map((k) => sql`${k}::text`),
    sql`, `,
  );
  return sql`case when i.present_lessons > 0
          then round(i.present_lessons::numeric / (i.present_lessons + i.unjustified_lessons + i.justified_lessons + i.other_lessons), 3)
          when jc.school_days > 0 and (i.unjustified_lessons + i.justified_lessons + i.other_lessons) > 0
          then round(greatest(0, 1 - (i.unjustified_lessons + i.justified_lessons + i.other_lessons)::numeric
            / (jc.school_days * coalesce(tm.lessons_per_day, tn.lessons_per_day, ${d.lessonsPerDay}::int))), 3)
          else null end as attendance_rate,
        coalesce(tm.unjustified_lessons, tn.unjustified_lessons, ${d.unjustifiedLessons}::int) as t_unjustified,
        coalesce(tm.low_marks, tn.low_marks, ${d.lowMarks}::int) as t_low_marks,
        coalesce(tm.average_drop, tn.average_drop, ${d.averageDrop}::numeric) as t_average_drop,
        coalesce(tm.behaviour_notes, tn.behaviour_notes, ${d.behaviourNotes}::int) as t_behaviour,
        coalesce(tm.attendance_rate, tn.attendance_rate, ${d.attendanceRate}::numeric) as t_attendance,
        coalesce(tm.disabled_flags, tn.disabled_flags, array[${disabled}]::text[]) as t_disabled`;
}

/**
 * The school days elapsed in a semester as of today (the Latvian date). The flags no longer use it
 * (migration 0034: lessons held end at the journal's coverage); kept for callers written before, as
 * is the ignored argument of `flagInputColumns`.
 */
export function schoolDaysToday(semester: { startsOn: string; endsOn: string }): number {
  const today = todayInLatvia();
  const end = semester.endsOn < today ? semester.endsOn : today;
  let n = 0;
  for (let d = new Date(`${semester.startsOn}T00:00:00Z`); d.toISOString().slice(0, 10) <= end; ) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n += 1;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return n;
}

/** Weekdays from `from` to `to`, inclusive, in SQL (the school days the journal covers). */
export const weekdaysSql = (from: SQL, to: SQL): SQL =>
  sql`(select count(*)::int from generate_series(${from}, ${to}, interval '1 day') d where extract(isodow from d) < 6)`;

/**
 * The UPDATE that stores the flag count of a semester's rows matched by `condition` (on `i`) when it
 * changed. With `skipLocked` (a request's refresh) the rows to change are locked first with SKIP
 * LOCKED: a row another transaction holds (the job, an import, another request) is left to it, so
 * the request never waits and no cycle of waits (a deadlock) can form between refreshers.
 */
function flagCountUpdate(semesterId: string, condition: SQL, gate: SQL = sql`true`, skipLocked = false): SQL {
  const counted = sql`select student_id, flag_count, (${flagCount})::smallint as n from (
        select i.student_id, i.flag_count, i.unjustified_lessons, i.low_marks, i.mark_average, i.previous_average, i.behaviour_notes,
          ${flagInputColumns()}
        from student_indicators i join organisations o on o.id = i.school_id
        ${thresholdJoins}
        where ${gate} and i.semester_id = ${semesterId} and ${condition}) f`;
  const source = skipLocked
    ? sql`(select c.student_id, c.n from (${counted}) c join student_indicators l
          on l.semester_id = ${semesterId} and l.student_id = c.student_id
        where c.flag_count <> c.n for update of l skip locked)`
    : sql`(${counted})`;
  return sql`update student_indicators si set flag_count = x.n
      from ${source} x
      where ${gate} and si.semester_id = ${semesterId} and si.student_id = x.student_id and si.flag_count <> x.n
      returning si.student_id`;
}

/**
 * Recomputes the stored flag count of a semester's indicators matched by `condition` (on `i`); only
 * rows whose count changes are written. Returns the rows changed.
 */
export async function refreshFlagCounts(
  db: Db,
  semesterId: string,
  condition: SQL = sql`true`,
): Promise<number> {
  const rows = await queryRows<{ student_id: string }>(db, flagCountUpdate(semesterId, condition));
  return rows.length;
}

/**
 * Makes a semester's stored flag counts current when they are not kept as current (a student moved
 * school; the definitions changed): the scheduled job `indicators.flag-days` runs it for every
 * semester begun (one statement each; when the semester is kept, the gate is false and nothing is read).
 */
export async function ensureFlagCounts(db: Db, semester: { id: string }): Promise<void> {
  const stale = sql`not exists (select 1 from kept)`;
  await db.execute(sql`with kept as (select 1 from indicator_flag_days where semester_id = ${semester.id}),
    changed as (${flagCountUpdate(semester.id, sql`true`, stale)}),
    noted as (insert into indicator_flag_days (semester_id) select ${semester.id} where ${stale}
      on conflict (semester_id) do update set computed_at = now() returning 1)
    select (select count(*) from changed) as changed, (select count(*) from noted) as noted`);
}

/**
 * Before a read: while the semester is not kept as current (the scheduled job has not run since a
 * student moved), the counts of the caller's rows (schools under the `scope` paths) are made current
 * in the same one statement — never the whole country's inside a request, whose statement timeout
 * that would outlast at national scale.
 */
export async function ensureFlagCountsIn(db: Db, semester: { id: string }, scope: string[]): Promise<void> {
  const stale = sql`not exists (select 1 from kept)`;
  await db.execute(sql`with kept as (select 1 from indicator_flag_days where semester_id = ${semester.id}),
    changed as (${flagCountUpdate(semester.id, pathInScope(sql`o.path`, scope), stale, true)})
    select count(*) as changed from changed`);
}

/** The semesters begun by today whose stored flag counts are not kept as current. */
export async function findStaleSemesters(db: Db): Promise<{ id: string }[]> {
  return queryRows<{ id: string }>(
    db,
    sql`select se.id from semesters se
        where se.starts_on <= ${todayInLatvia()}::date
          and not exists (select 1 from indicator_flag_days k where k.semester_id = se.id)
        order by se.starts_on desc`,
  );
}

/** After a threshold change under `orgPath`: the flag counts of that organisation's schools in every semester begun. */
export async function refreshFlagCountsUnder(db: Db, orgPath: string): Promise<void> {
  const semesters = await queryRows<{ id: string }>(
    db,
    sql`select id from semesters where starts_on <= ${todayInLatvia()}::date`,
  );
  for (const s of semesters) await refreshFlagCounts(db, s.id, sql`o.path like ${`${escapeLike(orgPath)}%`}`);
}

/**
 * After indicators of the students matched by `studentCondition` (on `s`) were recomputed: the
 * journal coverage of their schools, then their flag counts — and, where a school's coverage
 * moved (more or fewer lessons held), the counts of the school's whole semester.
 */
export async function refreshCoverageAndFlags(
  db: Db,
  semester: { id: string; startsOn: string },
  studentCondition: SQL,
): Promise<void> {
  const moved = await queryRows<{ school_id: string }>(
    db,
    sql`with sch as (
        select distinct i.school_id from student_indicators i
        where i.semester_id = ${semester.id} and i.student_id in (select s.id from students s where ${studentCondition})),
      cov as (
        select i.school_id, max(i.last_attendance_on) as covered_to from student_indicators i
        where i.semester_id = ${semester.id} and i.school_id in (select school_id from sch) group by i.school_id),
      up as (
        insert into journal_coverage (semester_id, school_id, covered_to, school_days)
        select ${semester.id}::uuid, cov.school_id, cov.covered_to,
          ${weekdaysSql(sql`${semester.startsOn}::date`, sql`cov.covered_to`)}
        from cov where cov.covered_to is not null
        on conflict (semester_id, school_id) do update set covered_to = excluded.covered_to, school_days = excluded.school_days
          where journal_coverage.covered_to is distinct from excluded.covered_to
        returning school_id),
      gone as (
        delete from journal_coverage jc where jc.semester_id = ${semester.id}
          and jc.school_id in (select school_id from cov where covered_to is null) returning school_id)
      select school_id from up union all select school_id from gone`,
  );
  const students = sql`i.student_id in (select s.id from students s where ${studentCondition})`;
  const schools = moved.map((m) => m.school_id);
  await refreshFlagCounts(
    db,
    semester.id,
    schools.length === 0
      ? students
      : sql`(${students} or i.school_id in (${sql.join(
          schools.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}))`,
  );
}
