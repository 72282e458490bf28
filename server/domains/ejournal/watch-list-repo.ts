import { type SQL, sql } from 'drizzle-orm';
import type { TCursorPayload } from '../../../common/api/cursor.ts';
import type { FlagKey } from '../../../common/api/ejournal.ts';
import { type Keyset, keysetAfter, keysetOrder, keysetPage, keysetSelect } from '../../platform/cursor.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { LIST_COUNT_CAP } from '../../platform/list-count.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { FLAG_SQL, flagCount, flagInputColumns, thresholdJoins } from './flag-count-repo.ts';

export { DEFAULT_THRESHOLDS } from './flag-count-repo.ts';

/** One student's indicators with the thresholds that apply to the student's school. */
export interface IndicatorRow {
  student_id: string;
  first_name: string;
  last_name: string;
  class_label: string;
  grade: number | null;
  course: number | null;
  school_id: string;
  school_name: string;
  /** For the gate: the school's path and the staff assigned to the student (the row's `can`). */
  school_path: string;
  assigned_user_ids: string[] | string;
  unjustified_lessons: number;
  justified_lessons: number;
  other_lessons: number;
  present_lessons: number;
  low_marks: number;
  mark_average: string | null;
  previous_average: string | null;
  behaviour_notes: number;
  legal_duty_crossed_on: string | null;
  last_record_on: string | null;
  attendance_rate: string | null;
  t_unjustified: number;
  t_low_marks: number;
  t_average_drop: string;
  t_behaviour: number;
  t_attendance: string;
  /** The flags switched off for the school (text[]). */
  t_disabled: string[] | string;
  assessed: boolean;
  informed_on: string | null;
  /** The status of the student's plan of the semester at the student's own school; null when none. */
  plan_status: string | null;
  total: number;
}

export interface WatchListFilter {
  semesterId: string;
  scope: string[];
  schoolId?: string;
  studentId?: string;
  grade?: number;
  flag?: FlagKey;
  onlyFlagged: boolean;
  onlyUnassessed: boolean;
  /** Only students without a (not deleted) plan of the semester at their school. */
  withoutPlan?: boolean;
  /** Only students past the legal-duty line whose municipality was not yet informed (the start page's count). */
  legalDutyOpen?: boolean;
  limit: number;
  offset: number;
}

type InnerFilter = Pick<WatchListFilter, 'semesterId' | 'scope' | 'schoolId' | 'studentId' | 'grade'> & {
  /** Only rows whose stored flag count is above zero (indexes *_watch_order_idx, migration 0027). */
  storedFlagged?: boolean;
  /** Only rows past the legal-duty line (index student_indicators_legal_duty_idx). */
  crossed?: boolean;
};

/**
 * The scope on the indicators' own school column, so the planner reads the semester's rows of the
 * schools in scope from an index instead of every row of the nation (a trigger of migration 0025
 * keeps i.school_id equal to the student's school).
 */
function indicatorScope(f: InnerFilter): SQL {
  if (f.schoolId) return sql`i.school_id = ${f.schoolId}`;
  // `= any(array(…))`, not `in (select …)`: the schools become one array the index scan of
  // (semester, school) takes as its condition, so a municipality's capped count reads its own rows
  // (Rīga on the national set: 272 → 60 ms) instead of the nation's flagged rows filtered one by one.
  return sql`i.school_id = any(array(select so.id from organisations so where so.type = 'school' and ${pathInScope(sql`so.path`, f.scope)}))`;
}

/**
 * Indicators joined with the thresholds in force for each school (municipality's, else the nation's,
 * else the defaults), whether the student's risks were assessed this semester and whether the
 * municipality was informed.
 */
function indicatorSelect(f: InnerFilter): SQL {
  const conditions: SQL[] = [
    sql`i.semester_id = ${f.semesterId}`,
    indicatorScope(f),
    sql`s.status = 'enrolled'`,
    pathInScope(sql`o.path`, f.scope),
  ];
  if (f.schoolId) conditions.push(sql`s.school_id = ${f.schoolId}`);
  if (f.studentId) conditions.push(sql`s.id = ${f.studentId}`);
  if (f.grade) conditions.push(sql`s.grade = ${f.grade}`);
  if (f.storedFlagged) conditions.push(sql`i.flag_count > 0`);
  if (f.crossed) conditions.push(sql`i.legal_duty_crossed_on is not null`);
  return sql`
      select s.id as student_id, i.first_name, i.last_name, s.class_label, s.grade, s.course, s.school_id, o.name as school_name,
        o.path as school_path,
        coalesce((select json_agg(sa.user_id) from student_assignments sa where sa.student_id = s.id), '[]'::json) as assigned_user_ids,
        i.unjustified_lessons, i.justified_lessons, i.other_lessons, i.present_lessons, i.low_marks, i.mark_average, i.previous_average,
        i.behaviour_notes, to_char(i.legal_duty_crossed_on, 'YYYY-MM-DD') as legal_duty_crossed_on, to_char(i.last_record_on, 'YYYY-MM-DD') as last_record_on,
        i.last_record_on as last_record_day, i.flag_count,
        ${flagInputColumns()},
        exists (select 1 from student_risks r where r.student_id = s.id and r.semester_id = i.semester_id and r.removed_at is null) as assessed,
        to_char(n.informed_on, 'YYYY-MM-DD') as informed_on,
        (select p.status from plans p
          where p.student_id = s.id and p.semester_id = i.semester_id and p.school_id = s.school_id
            and p.status <> 'deleted' and p.moved_out_at is null
          order by p.created_at desc limit 1) as plan_status
      from student_indicators i
        join students s on s.id = i.student_id
        join organisations o on o.id = s.school_id
        ${thresholdJoins}
        left join legal_duty_notices n on n.student_id = s.id and n.semester_id = i.semester_id
      where ${sql.join(conditions, sql` and `)}`;
}

/** A page of students with their indicators; flags are counted in SQL so the list can be filtered, sorted and paged. */
export async function findIndicatorRows(db: Db, f: WatchListFilter): Promise<IndicatorRow[]> {
  const outer: SQL[] = [sql`true`];
  if (f.onlyFlagged) outer.push(sql`(${flagCount}) > 0`);
  if (f.flag) outer.push(sql`coalesce((${FLAG_SQL[f.flag]}), false)`);
  if (f.onlyUnassessed) outer.push(sql`not assessed`);
  return queryRows<IndicatorRow>(
    db,
    sql`select *, count(*) over ()::int as total from (${indicatorSelect(f)}) w
    where ${sql.join(outer, sql` and `)}
    order by (${flagCount}) desc, last_record_on desc nulls last, last_name, first_name, student_id
    limit ${f.limit} offset ${f.offset}`,
  );
}

/**
 * The watch list's order as keyset keys, all columns of student_indicators (the names are copies kept
 * current by triggers, migration 0027), so indexes `student_indicators_watch_order_idx` (across
 * schools) and `student_indicators_school_watch_order_idx` (one school) serve page 1 and every cursor
 * page. No last record is `-infinity`, which sorts last descending as NULLS LAST did.
 */
const WATCH_KEYSET: Keyset = {
  list: 'watch',
  sort: 'flags',
  dir: 'desc',
  keys: [
    { expr: sql`flag_count`, dir: 'desc', kind: 'int' },
    { expr: sql`coalesce(last_record_day, '-infinity'::date)`, dir: 'desc', kind: 'date' },
    { expr: sql`last_name`, dir: 'asc', kind: 'text' },
    { expr: sql`first_name`, dir: 'asc', kind: 'text' },
  ],
  id: { expr: sql`student_id`, dir: 'asc', kind: 'uuid' },
};

/**
 * A page of the watch list in its order, after `cursor` when given, with the total of the whole list
 * (exact up to LIST_COUNT_CAP, else LIST_COUNT_CAP and `totalAtLeast`) and the next page's cursor.
 */
export async function findWatchListPage(
  db: Db,
  f: WatchListFilter & { cursor?: TCursorPayload },
): Promise<{ rows: IndicatorRow[]; total: number; totalAtLeast: boolean; nextCursor: string | null }> {
  const outer: SQL[] = [sql`true`];
  if (f.onlyFlagged) outer.push(sql`flag_count > 0`);
  if (f.flag) outer.push(sql`coalesce((${FLAG_SQL[f.flag]}), false)`);
  if (f.onlyUnassessed) outer.push(sql`not assessed`);
  if (f.withoutPlan) outer.push(sql`plan_status is null`);
  if (f.legalDutyOpen) outer.push(sql`legal_duty_crossed_on is not null and informed_on is null`);
  const where = sql.join(outer, sql` and `);
  const inner = { ...f, storedFlagged: f.onlyFlagged, crossed: f.legalDutyOpen };
  const after = f.cursor ? sql` and ${keysetAfter(WATCH_KEYSET, f.cursor)}` : sql``;
  // The total is an uncorrelated subquery (run once), not a window count: a window would evaluate
  // every row's subqueries (assigned staff, plan, risks) before the sort; with LIMIT the planner
  // evaluates them for the page's rows only.
  const counted = sql`(select count(*) from (select 1 from (${indicatorSelect(inner)}) w where ${where} limit ${LIST_COUNT_CAP + 1}) c)::int`;
  const rows = await queryRows<IndicatorRow>(
    db,
    sql`select *, ${counted} as total, ${keysetSelect(WATCH_KEYSET)} from (${indicatorSelect(inner)}) w
    where ${where}${after}
    order by ${sql.join(keysetOrder(WATCH_KEYSET), sql`, `)}
    limit ${f.limit + 1} offset ${f.offset}`,
  );
  let counts = rows[0]?.total ?? 0;
  if (rows.length === 0 && (f.cursor || f.offset > 0)) {
    const [count] = await queryRows<{ total: number }>(db, sql`select ${counted} as total`);
    counts = Number(count.total);
  }
  const total = Math.min(Number(counts), LIST_COUNT_CAP);
  const totalAtLeast = Number(counts) > LIST_COUNT_CAP;
  const page = keysetPage(WATCH_KEYSET, rows, f.limit);
  return { rows: page.rows, total, totalAtLeast, nextCursor: page.nextCursor };
}

/** Counts for a start page: flagged students, flagged and not assessed, legal duty not yet met, students with data. */
export async function countWatchList(db: Db, f: InnerFilter) {
  const [row] = await queryRows<{
    flagged: number;
    unassessed: number;
    legal_open: number;
    with_data: number;
  }>(
    db,
    sql`select count(*) filter (where flag_count > 0)::int as flagged,
          count(*) filter (where flag_count > 0 and not assessed)::int as unassessed,
          count(*) filter (where legal_duty_crossed_on is not null and informed_on is null)::int as legal_open,
          count(*)::int as with_data
        from (${indicatorSelect(f)}) w`,
  );
  return row;
}

/** The thresholds row of an organisation, if it has its own. */
export async function findThresholdRow(db: Db, orgId: string) {
  const rows = await queryRows<{
    unjustified_lessons: number;
    low_marks: number;
    average_drop: string;
    behaviour_notes: number;
    attendance_rate: string;
    lessons_per_day: number;
    disabled_flags: string[] | null;
  }>(
    db,
    sql`select unjustified_lessons, low_marks, average_drop, behaviour_notes, attendance_rate, lessons_per_day,
          to_json(disabled_flags) as disabled_flags
        from flag_thresholds where org_id = ${orgId}`,
  );
  return rows[0] ?? null;
}

export async function upsertThresholds(
  db: Db,
  orgId: string,
  t: {
    unjustifiedLessons: number;
    lowMarks: number;
    averageDrop: number;
    behaviourNotes: number;
    attendanceRate: number;
    lessonsPerDay: number;
    /** Omitted: the organisation's own list is left as it is (none: inherited). */
    disabledFlags?: readonly string[];
  },
  by: string | null,
): Promise<void> {
  const given = t.disabledFlags !== undefined;
  const disabled = given
    ? sql`array[${sql.join(
        (t.disabledFlags ?? []).map((k) => sql`${k}::text`),
        sql`, `,
      )}]::text[]`
    : sql`null::text[]`;
  await db.execute(sql`
    insert into flag_thresholds (org_id, unjustified_lessons, low_marks, average_drop, behaviour_notes, attendance_rate, lessons_per_day, disabled_flags, updated_by)
    values (${orgId}, ${t.unjustifiedLessons}, ${t.lowMarks}, ${t.averageDrop}, ${t.behaviourNotes}, ${t.attendanceRate}, ${t.lessonsPerDay}, ${disabled}, ${by})
    on conflict (org_id) do update set unjustified_lessons = excluded.unjustified_lessons, low_marks = excluded.low_marks,
      average_drop = excluded.average_drop, behaviour_notes = excluded.behaviour_notes, attendance_rate = excluded.attendance_rate,
      lessons_per_day = excluded.lessons_per_day,
      disabled_flags = ${given ? sql`excluded.disabled_flags` : sql`flag_thresholds.disabled_flags`},
      updated_by = excluded.updated_by, updated_at = now()`);
}

/** Records that the municipality was informed of a student's unjustified absences. */
export async function insertLegalDutyNotice(
  db: Db,
  studentId: string,
  semesterId: string,
  informedOn: string,
  by: string | null,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into legal_duty_notices (student_id, semester_id, informed_on, informed_by) values (${studentId}, ${semesterId}, ${informedOn}, ${by})
      on conflict (student_id, semester_id) do nothing returning id`,
  );
  return rows.length > 0;
}

/** Weekly absences and all marks of a student in a semester, for the charts. */
export async function findChartSeries(db: Db, studentId: string, from: string, to: string) {
  const absences = await queryRows<{ week_start: string; unjustified: number; justified: number }>(
    db,
    sql`select to_char(date_trunc('week', on_date), 'YYYY-MM-DD') as week_start,
          coalesce(sum(lessons) filter (where reason = 'unjustified'), 0)::int as unjustified,
          coalesce(sum(lessons) filter (where reason in ('justified', 'other')), 0)::int as justified
        from attendance where student_id = ${studentId} and on_date between ${from}::date and ${to}::date and reason <> 'present'
        group by 1 order by 1`,
  );
  const marks = await queryRows<{ on_date: string; subject: string; mark: string; value: number | null }>(
    db,
    sql`select to_char(on_date, 'YYYY-MM-DD') as on_date, subject, mark, value from marks
        where student_id = ${studentId} and on_date between ${from}::date and ${to}::date order by on_date, subject`,
  );
  return { absences, marks };
}
