import { type SQL, sql } from 'drizzle-orm';
import {
  DISTINCT_ITEMS,
  DISTINCT_STUDENTS,
  type FigureSpec,
  MEAN,
  type PeriodScope,
  semesterIdsOf,
} from './figures-sql.ts';

/** The students' indicators: flags, risks, support received, outcomes, before and after. */

/**
 * A risk record's school: the school of the student's plan in the record's semester when there is
 * one (the live plan, else the latest moved-out one; never a deleted plan), else the student's
 * current school (students.school_id).
 */
const riskFacts = (
  p: PeriodScope,
  key: SQL,
) => sql`select coalesce(ps.school_id, st.school_id), ${key}, r.student_id, r.id::text,
      null::numeric, null::boolean
    from student_risks r join students st on st.id = r.student_id join risk_items ri on ri.id = r.risk_item_id
    left join (select distinct on (pl.student_id, pl.semester_id) pl.student_id, pl.semester_id, pl.school_id
        from plans pl where pl.semester_id = any(${semesterIdsOf(p)}) and pl.status <> 'deleted'
        order by pl.student_id, pl.semester_id, (pl.moved_out_at is null) desc, pl.created_at desc) ps
      on ps.student_id = r.student_id and ps.semester_id = r.semester_id
    where r.semester_id = any(${semesterIdsOf(p)}) and r.removed_at is null`;

/**
 * Support received: a confirmed participation in a session held in the period (the session's
 * school) or an economic payment of the period's semesters (the payment's school), on a plan
 * that is not deleted.
 */
const supportedFacts = (
  p: PeriodScope,
) => sql`select ss.school_id, '', sp.student_id, null::text, null::numeric, null::boolean
    from session_participants sp join support_sessions ss on ss.id = sp.session_id join plans pl on pl.id = sp.plan_id
    where sp.confirmed_at is not null and pl.status <> 'deleted'
      and ss.on_date between ${p.startsOn}::date and ${p.endsOn}::date
    union all
    select ep.school_id, '', ep.student_id, null::text, null::numeric, null::boolean
    from economic_payments ep join plans pl on pl.id = ep.plan_id
    where ep.semester_id = any(${semesterIdsOf(p)}) and pl.status <> 'deleted'`;

/**
 * The students with a plan in the period, each at the school of the latest such plan (so a
 * student counts once in a mean), with the semester before the first plan they ever had and
 * the latest semester with indicators up to the period's end.
 */
const beforeAfterBase = (p: PeriodScope) => sql`with pp as (
      select distinct on (pl.student_id) pl.student_id, pl.school_id
      from plans pl join semesters se on se.id = pl.semester_id
      where pl.semester_id = any(${semesterIdsOf(p)}) and pl.status <> 'deleted'
      order by pl.student_id, se.starts_on desc, pl.created_at desc),
    firsts as (
      select pp.student_id, pp.school_id, min(se.starts_on) as first_start
      from pp join plans pl on pl.student_id = pp.student_id and pl.status <> 'deleted'
      join semesters se on se.id = pl.semester_id group by pp.student_id, pp.school_id),
    spans as (
      select f.student_id, f.school_id,
        (select b.id from semesters b where b.starts_on < f.first_start order by b.starts_on desc limit 1) as before_id,
        (select i.semester_id from student_indicators i join semesters a on a.id = i.semester_id
          where i.student_id = f.student_id and a.starts_on <= ${p.endsOn}::date order by a.starts_on desc limit 1) as after_id
      from firsts f)`;

/** Before and after of one indicators column, keys `before` and `after`. */
const beforeAfterFacts = (p: PeriodScope, column: 'unjustified_lessons' | 'mark_average') => {
  const c = sql.raw(`i.${column}`);
  return sql`${beforeAfterBase(p)}
    select m.school_id, 'before', m.student_id, null::text, (${c})::numeric, null::boolean
      from spans m join student_indicators i on i.student_id = m.student_id and i.semester_id = m.before_id
      where ${c} is not null
    union all
    select m.school_id, 'after', m.student_id, null::text, (${c})::numeric, null::boolean
      from spans m join student_indicators i on i.student_id = m.student_id and i.semester_id = m.after_id
      where ${c} is not null`;
};

export function studentFigures(p: PeriodScope): FigureSpec[] {
  return [
    {
      code: 'students_flagged',
      facts: sql`select i.school_id, '', i.student_id, null::text, null::numeric, null::boolean
        from student_indicators i where i.semester_id = any(${semesterIdsOf(p)}) and i.flag_count > 0`,
      value: DISTINCT_STUDENTS,
    },
    { code: 'students_with_risks', facts: riskFacts(p, sql`''`), value: DISTINCT_STUDENTS },
    { code: 'risks_by_type', facts: riskFacts(p, sql`ri.risk_type`), value: DISTINCT_ITEMS },
    { code: 'students_supported', facts: supportedFacts(p), value: DISTINCT_STUDENTS },
    {
      // The outcome stays with the school whose programme student it was (student_outcomes.school_id).
      code: 'outcomes',
      facts: sql`select o.school_id, o.outcome, o.student_id, null::text, null::numeric, null::boolean
        from student_outcomes o where o.school_year = ${p.schoolYear}::int
          and exists (select 1 from plans pl where pl.student_id = o.student_id
            and pl.semester_id = any(${semesterIdsOf(p)}) and pl.status <> 'deleted')`,
      value: DISTINCT_STUDENTS,
    },
    { code: 'attendance_before_after', facts: beforeAfterFacts(p, 'unjustified_lessons'), value: MEAN },
    { code: 'marks_before_after', facts: beforeAfterFacts(p, 'mark_average'), value: MEAN },
  ];
}
