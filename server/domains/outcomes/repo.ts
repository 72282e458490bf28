import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

// Year-end outcomes: a school's programme students of a school year, their outcome and their
// before/after indicators. The only SQL of the outcomes domain.

/**
 * The plans that make a programme student: not deleted and submitted at least once (version > 0;
 * a draft never submitted is not a plan the programme ran).
 */
const PROGRAMME_PLAN = sql`p.status <> 'deleted' and p.version > 0`;

/**
 * The year's plans of the students with such a plan at the school that year, and for each student
 * the school that owns the year: the one of the student's latest plan in the year (a student who
 * moved mid-year and got a plan at the new school is the new school's; one who moved without a new
 * plan stays the old school's).
 */
function yearOwners(schoolYear: number, schoolId: string | null, studentId: string | null) {
  return sql`yp as (
      select p.student_id, p.school_id, p.code, p.class_label, se.starts_on, p.created_at
        from plans p join semesters se on se.id = p.semester_id
       where se.school_year = ${schoolYear} and ${PROGRAMME_PLAN}
         ${schoolId ? sql`and p.student_id in (select p3.student_id from plans p3 where p3.school_id = ${schoolId})` : sql``}
         ${studentId ? sql`and p.student_id = ${studentId}` : sql``}
    ),
    owner as (
      select distinct on (student_id) student_id, school_id
        from yp order by student_id, starts_on desc, created_at desc
    )`;
}

/** The school that owns a student's outcome for the year (see `yearOwners`), or null: not a programme student. */
export async function findOwnerSchool(db: Db, studentId: string, schoolYear: number): Promise<string | null> {
  const [row] = await queryRows<{ school_id: string }>(
    db,
    sql`with ${yearOwners(schoolYear, null, studentId)} select school_id from owner`,
  );
  return row?.school_id ?? null;
}

export interface ProgrammeRow {
  student_id: string;
  first_name: string;
  last_name: string;
  personal_code: string;
  class_label: string | null;
  plan_codes: string[] | string;
  moved_away: boolean;
  outcome: string | null;
  reason: string | null;
  source: string | null;
  recorded_at: string | Date | null;
  before_unjustified: number | null;
  before_mark: string | null;
  after_unjustified: number | null;
  after_mark: string | null;
}

/**
 * A school's programme students of a school year, by class and name, with the outcome and the
 * before/after indicators: the semester just before the student's first programme plan (any school)
 * and the latest semester with indicators from that plan's semester to the end of the school year.
 */
export async function findProgrammeStudents(
  db: Db,
  schoolId: string,
  schoolYear: number,
): Promise<ProgrammeRow[]> {
  return queryRows<ProgrammeRow>(
    db,
    sql`with ${yearOwners(schoolYear, schoolId, null)},
      prog as (
        select yp.student_id, json_agg(yp.code order by yp.starts_on, yp.code) as plan_codes,
               (array_agg(yp.class_label order by yp.starts_on desc, yp.created_at desc))[1] as class_label
          from yp join owner o on o.student_id = yp.student_id and o.school_id = ${schoolId}
         where yp.school_id = ${schoolId}
         group by yp.student_id
      )
      select pr.student_id, st.first_name, st.last_name, st.personal_code, pr.class_label, pr.plan_codes,
             st.school_id <> ${schoolId} as moved_away,
             o.outcome, o.reason, o.source, o.recorded_at,
             bi.unjustified_lessons as before_unjustified, bi.mark_average::text as before_mark,
             ai.unjustified_lessons as after_unjustified, ai.mark_average::text as after_mark
        from prog pr
        join students st on st.id = pr.student_id
        left join student_outcomes o on o.student_id = pr.student_id and o.school_year = ${schoolYear}
        left join lateral (
          select min(se.starts_on) as first_on
            from plans p join semesters se on se.id = p.semester_id
           where p.student_id = pr.student_id and ${PROGRAMME_PLAN}
        ) f on true
        left join lateral (
          select si.unjustified_lessons, si.mark_average
            from student_indicators si
           where si.student_id = pr.student_id
             and si.semester_id = (select sb.id from semesters sb where sb.starts_on < f.first_on
                                    order by sb.starts_on desc limit 1)
        ) bi on true
        left join lateral (
          select si.unjustified_lessons, si.mark_average
            from student_indicators si join semesters se on se.id = si.semester_id
           where si.student_id = pr.student_id and se.starts_on >= f.first_on
             and se.school_year <= ${schoolYear}
           order by se.starts_on desc limit 1
        ) ai on true
       order by pr.class_label nulls last, st.last_name, st.first_name, pr.student_id`,
  );
}

/**
 * The students besides its programme students whose year-end outcome a school may record for a
 * school year (issue 15: the flags are judged on every student): its students now and those whose
 * indicators of a semester of that year were computed at it — except programme students of that
 * year at any school, whose year belongs to the school of their plan (`yearOwners`).
 */
export async function findYearStudents(
  db: Db,
  schoolId: string,
  schoolYear: number,
): Promise<{ student_id: string; personal_code: string }[]> {
  return queryRows(
    db,
    sql`select x.student_id, st.personal_code from (
          select s.id as student_id from students s where s.school_id = ${schoolId}
          union
          select i.student_id from student_indicators i join semesters se on se.id = i.semester_id
           where i.school_id = ${schoolId} and se.school_year = ${schoolYear}
        ) x join students st on st.id = x.student_id
        where not exists (select 1 from plans p join semesters se on se.id = p.semester_id
                           where p.student_id = x.student_id and se.school_year = ${schoolYear} and ${PROGRAMME_PLAN})`,
  );
}

/** Outcomes of the year stored with the school for students who are not its programme students then. */
export async function countOtherOutcomes(db: Db, schoolId: string, schoolYear: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with ${yearOwners(schoolYear, schoolId, null)}
        select count(*)::int as n from student_outcomes so
         where so.school_id = ${schoolId} and so.school_year = ${schoolYear}
           and not exists (select 1 from owner o where o.student_id = so.student_id and o.school_id = ${schoolId})`,
  );
  return Number(row?.n ?? 0);
}

/** The school years in which the school has programme students (owner or not), newest first. */
export async function findProgrammeYears(db: Db, schoolId: string): Promise<number[]> {
  const rows = await queryRows<{ school_year: number }>(
    db,
    sql`select distinct se.school_year from plans p join semesters se on se.id = p.semester_id
         where p.school_id = ${schoolId} and ${PROGRAMME_PLAN} order by se.school_year desc`,
  );
  return rows.map((r) => Number(r.school_year));
}

export interface OutcomeValues {
  studentId: string;
  schoolYear: number;
  schoolId: string;
  outcome: string;
  reason: string | null;
  source: 'entered' | 'import';
  recordedBy: string | null;
  at: Date;
}

/**
 * Stores outcomes (insert or update); answers how many rows changed — a repeated identical
 * outcome (a double click, the same file twice) changes nothing.
 */
export async function upsertOutcomes(db: Db, values: OutcomeValues[]): Promise<string[]> {
  const changed: string[] = [];
  for (let i = 0; i < values.length; i += 500) {
    const batch = values.slice(i, i + 500);
    const rows = sql.join(
      batch.map(
        (v) =>
          sql`(${v.studentId}::uuid, ${v.schoolYear}::int, ${v.schoolId}::uuid, ${v.outcome}, ${v.reason}, ${v.source}, ${v.recordedBy}::uuid, ${v.at}::timestamptz, ${v.at}::timestamptz)`,
      ),
      sql`, `,
    );
    const out = await queryRows<{ student_id: string }>(
      db,
      sql`insert into student_outcomes
            (student_id, school_year, school_id, outcome, reason, source, recorded_by, recorded_at, updated_at)
          values ${rows}
          on conflict (student_id, school_year) do update set
            school_id = excluded.school_id, outcome = excluded.outcome, reason = excluded.reason,
            source = excluded.source, recorded_by = excluded.recorded_by, updated_at = excluded.updated_at
          where student_outcomes.school_id is distinct from excluded.school_id
             or student_outcomes.outcome is distinct from excluded.outcome
             or student_outcomes.reason is distinct from excluded.reason
          returning student_id`,
    );
    changed.push(...out.map((r) => r.student_id));
  }
  return changed;
}

/** Clears a student's outcome of a year; answers whether there was one. */
export async function deleteOutcome(db: Db, studentId: string, schoolYear: number): Promise<boolean> {
  const rows = await queryRows<{ student_id: string }>(
    db,
    sql`delete from student_outcomes where student_id = ${studentId} and school_year = ${schoolYear}
        returning student_id`,
  );
  return rows.length > 0;
}
