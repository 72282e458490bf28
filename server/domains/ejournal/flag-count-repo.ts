import { type SQL, sql } from 'drizzle-orm';
import type { FlagKey } from '../../../common/api/ejournal.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { escapeLike } from '../../platform/sql-text.ts';
import { schoolDaysElapsed } from './flags.ts';

/**
 * The flags as SQL and the stored flag count (student_indicators.flag_count, migration 0025) that the
 * watch list and the start-page counts filter on, so neither recomputes every row of the caller's scope.
 */

/** Thresholds used when neither the municipality nor the nation has set its own (documented in the README). */
export const DEFAULT_THRESHOLDS = {
  unjustifiedLessons: 20,
  lowMarks: 2,
  averageDrop: 1,
  behaviourNotes: 3,
  attendanceRate: 0.85,
  lessonsPerDay: 7,
};

/** Each flag on the columns `flagInputColumns` names (and the watch list's select repeats). */
export const FLAG_SQL: Record<FlagKey, SQL> = {
  unjustified: sql`unjustified_lessons > t_unjustified`,
  attendance: sql`attendance_rate < t_attendance`,
  low_marks: sql`low_marks >= t_low_marks`,
  average_drop: sql`previous_average - mark_average >= t_average_drop`,
  behaviour: sql`behaviour_notes >= t_behaviour`,
};

/** How many flags a row raises. */
export const flagCount = sql.join(
  Object.values(FLAG_SQL).map((f) => sql`coalesce((${f})::int, 0)`),
  sql` + `,
);

/**
 * The thresholds in force for the school `o` (the municipality's, else the nation's, else the
 * defaults) as joins `tm` and `tn`.
 */
export const thresholdJoins = sql`left join organisations par on par.id = o.parent_id and par.type = 'municipality'
        left join flag_thresholds tm on tm.org_id = par.id
        left join flag_thresholds tn on tn.org_id = (select id from organisations where type = 'nation' limit 1)`;

/**
 * The attendance rate of indicators `i` (present lessons when the journal records them, else the
 * absences against the lessons of the school days elapsed) and the thresholds, as the columns the flags read.
 */
export function flagInputColumns(schoolDays: number): SQL {
  const d = DEFAULT_THRESHOLDS;
  return sql`case when i.present_lessons > 0
          then round(i.present_lessons::numeric / (i.present_lessons + i.unjustified_lessons + i.justified_lessons + i.other_lessons), 3)
          when ${schoolDays}::int > 0 and (i.unjustified_lessons + i.justified_lessons + i.other_lessons) > 0
          then round(greatest(0, 1 - (i.unjustified_lessons + i.justified_lessons + i.other_lessons)::numeric
            / (${schoolDays}::int * coalesce(tm.lessons_per_day, tn.lessons_per_day, ${d.lessonsPerDay}::int))), 3)
          else null end as attendance_rate,
        coalesce(tm.unjustified_lessons, tn.unjustified_lessons, ${d.unjustifiedLessons}::int) as t_unjustified,
        coalesce(tm.low_marks, tn.low_marks, ${d.lowMarks}::int) as t_low_marks,
        coalesce(tm.average_drop, tn.average_drop, ${d.averageDrop}::numeric) as t_average_drop,
        coalesce(tm.behaviour_notes, tn.behaviour_notes, ${d.behaviourNotes}::int) as t_behaviour,
        coalesce(tm.attendance_rate, tn.attendance_rate, ${d.attendanceRate}::numeric) as t_attendance`;
}

/**
 * The UPDATE that stores the flag count of a semester's rows matched by `condition` (on `i`) when it
 * changed. With `skipLocked` (a request's refresh) the rows to change are locked first with SKIP
 * LOCKED: a row another transaction holds (the job, an import, another request) is left to it, so
 * the request never waits and no cycle of waits (a deadlock) can form between refreshers.
 */
function flagCountUpdate(
  semesterId: string,
  schoolDays: number,
  condition: SQL,
  gate: SQL = sql`true`,
  skipLocked = false,
): SQL {
  const counted = sql`select student_id, flag_count, (${flagCount})::smallint as n from (
        select i.student_id, i.flag_count, i.unjustified_lessons, i.low_marks, i.mark_average, i.previous_average, i.behaviour_notes,
          ${flagInputColumns(schoolDays)}
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
 * Recomputes the stored flag count of a semester's indicators matched by `condition` (on `i`) for
 * `schoolDays` elapsed; only rows whose count changes are written. Returns the rows changed.
 */
export async function refreshFlagCounts(
  db: Db,
  semesterId: string,
  schoolDays: number,
  condition: SQL = sql`true`,
): Promise<number> {
  const rows = await queryRows<{ student_id: string }>(
    db,
    flagCountUpdate(semesterId, schoolDays, condition),
  );
  return rows.length;
}

/** The school days elapsed in a semester as of today (the Latvian date). */
export const schoolDaysToday = (semester: { startsOn: string; endsOn: string }) =>
  schoolDaysElapsed(semester.startsOn, semester.endsOn, todayInLatvia());

/**
 * Makes a semester's stored flag counts current for a new count of school days elapsed (a new school
 * day; rows written without a count): the scheduled job `indicators.flag-days` runs it for the whole
 * semester (one statement; when the kept day count is today's, the gate is false and nothing is
 * read) and keeps the day count. Returns today's school days.
 */
export async function ensureFlagCounts(
  db: Db,
  semester: { id: string; startsOn: string; endsOn: string },
): Promise<number> {
  const schoolDays = schoolDaysToday(semester);
  const stale = sql`not exists (select 1 from kept)`;
  await db.execute(sql`with kept as (
      select 1 from indicator_flag_days where semester_id = ${semester.id} and school_days = ${schoolDays}),
    changed as (${flagCountUpdate(semester.id, schoolDays, sql`true`, stale)}),
    noted as (insert into indicator_flag_days (semester_id, school_days) select ${semester.id}, ${schoolDays} where ${stale}
      on conflict (semester_id) do update set school_days = excluded.school_days, computed_at = now() returning 1)
    select (select count(*) from changed) as changed, (select count(*) from noted) as noted`);
  return schoolDays;
}

/**
 * Before a read: while the semester's kept day count is not today's (the scheduled job has not run
 * yet today), the counts of the caller's rows (schools under the `scope` paths) are
 * made current in the same one statement — never the whole country's inside a request, whose
 * statement timeout that would outlast at national scale. Returns today's school days.
 */
export async function ensureFlagCountsIn(
  db: Db,
  semester: { id: string; startsOn: string; endsOn: string },
  scope: string[],
): Promise<number> {
  const schoolDays = schoolDaysToday(semester);
  const stale = sql`not exists (select 1 from kept)`;
  await db.execute(sql`with kept as (
      select 1 from indicator_flag_days where semester_id = ${semester.id} and school_days = ${schoolDays}),
    changed as (${flagCountUpdate(semester.id, schoolDays, pathInScope(sql`o.path`, scope), stale, true)})
    select count(*) as changed from changed`);
  return schoolDays;
}

/**
 * After a threshold change under `orgPath`: recomputes the flag counts of that organisation's schools
 * in every semester whose counts are kept, for the school days they were computed for.
 */
export async function refreshFlagCountsUnder(db: Db, orgPath: string): Promise<void> {
  // Every semester begun by today: at the day count its counts are kept at, else today's (a read
  // makes only the caller's rows current and keeps no day count).
  const states = await queryRows<{
    id: string;
    starts_on: string;
    ends_on: string;
    school_days: number | null;
  }>(
    db,
    sql`select se.id, to_char(se.starts_on, 'YYYY-MM-DD') as starts_on, to_char(se.ends_on, 'YYYY-MM-DD') as ends_on,
          k.school_days
        from semesters se left join indicator_flag_days k on k.semester_id = se.id
        where se.starts_on <= ${todayInLatvia()}::date`,
  );
  for (const s of states)
    await refreshFlagCounts(
      db,
      s.id,
      s.school_days === null
        ? schoolDaysToday({ startsOn: s.starts_on, endsOn: s.ends_on })
        : Number(s.school_days),
      sql`o.path like ${`${escapeLike(orgPath)}%`}`,
    );
}

/**
 * After indicators of some students were recomputed: their flag counts, for the school days the
 * semester's counts are kept at (today's when none are kept yet).
 */
export async function refreshFlagCountsOf(
  db: Db,
  semester: { id: string; startsOn: string; endsOn: string },
  studentCondition: SQL,
): Promise<void> {
  const [state] = await queryRows<{ school_days: number }>(
    db,
    sql`select school_days from indicator_flag_days where semester_id = ${semester.id}`,
  );
  const schoolDays = state ? Number(state.school_days) : schoolDaysToday(semester);
  await refreshFlagCounts(db, semester.id, schoolDays, studentCondition);
}
