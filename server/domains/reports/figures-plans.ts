import { sql } from 'drizzle-orm';
import {
  DISTINCT_ITEMS,
  DISTINCT_STUDENTS,
  type FigureSpec,
  MEDIAN,
  type PeriodScope,
  semesterIdsOf,
} from './figures-sql.ts';

/**
 * The plans' indicators. A plan belongs to its period by its semester and to its school by
 * plans.school_id (a plan stays with the school it was made at when the student moves on); a
 * deleted plan counts nowhere.
 */

/** The period's plans that are not deleted, as `p`. */
const livePlans = (p: PeriodScope) =>
  sql`plans p where p.semester_id = any(${semesterIdsOf(p)}) and p.status <> 'deleted'`;

/**
 * Approved at least once: an `approve` event that left the plan out of approval, i.e. approved at
 * the last level it needed (a state vocational school's plans skip the municipality).
 */
const approvedOnce = sql`exists (select 1 from plan_events e where e.plan_id = p.id and e.action = 'approve' and e.to_status <> 'in_approval')`;

const iapFacts = (p: PeriodScope) =>
  sql`select p.school_id, '', p.student_id, p.id::text, null::numeric, null::boolean from ${livePlans(p)} and ${approvedOnce}`;

/**
 * Each approval step of the period's plans: from the event that put the plan at the level (a
 * submission, or an approval passing it on) to the approval or return at that level, in days.
 */
const waitFacts = (p: PeriodScope) => sql`select ev.school_id, ev.level, ev.student_id, ev.plan_id::text,
      extract(epoch from ev.at - (select y.at from plan_events y where y.plan_id = ev.plan_id and y.id < ev.id
          and (y.action = 'submit' or (y.action = 'approve' and y.to_status = 'in_approval'))
        order by y.id desc limit 1)) / 86400.0, null::boolean
    from (select e.id, e.plan_id, e.at, e.level, p.school_id, p.student_id
          from plan_events e join plans p on p.id = e.plan_id
          where p.semester_id = any(${semesterIdsOf(p)}) and p.status <> 'deleted'
            and e.action in ('approve', 'return') and e.level is not null) ev`;

export function planFigures(p: PeriodScope): FigureSpec[] {
  return [
    {
      code: 'students_with_plans',
      facts: sql`select p.school_id, '', p.student_id, p.id::text, null::numeric, null::boolean from ${livePlans(p)}`,
      value: DISTINCT_STUDENTS,
    },
    {
      code: 'plans_by_status',
      facts: sql`select p.school_id, p.status, p.student_id, p.id::text, null::numeric, null::boolean from ${livePlans(p)}`,
      value: DISTINCT_ITEMS,
    },
    {
      code: 'plans_waiting',
      facts: sql`select p.school_id, p.approval_level, p.student_id, p.id::text, null::numeric, null::boolean
        from ${livePlans(p)} and p.status = 'in_approval' and p.approval_level is not null`,
      value: DISTINCT_ITEMS,
    },
    // A step whose start is missing (no entering event recorded) has a null wait and is left out.
    {
      code: 'approval_wait_days',
      facts: sql`select * from (${waitFacts(p)}) w (a, b, c, d, n, e) where w.n is not null`,
      value: MEDIAN,
    },
    {
      code: 'measures_carried_out',
      facts: sql`select p.school_id, m.value->>'carriedOut', p.student_id, p.id::text || ':' || (m.value->>'measureId'),
          null::numeric, null::boolean
        from plans p cross join lateral jsonb_array_elements(
            case when jsonb_typeof(p.evaluation->'measures') = 'array' then p.evaluation->'measures' else '[]'::jsonb end) m
        where p.semester_id = any(${semesterIdsOf(p)}) and p.status <> 'deleted' and p.evaluation is not null`,
      value: DISTINCT_ITEMS,
    },
    { code: 'iaps', facts: iapFacts(p), value: DISTINCT_ITEMS },
    { code: 'schools_taking_part', facts: iapFacts(p), value: sql`count(distinct f.school_id)` },
    { code: 'municipalities_taking_part', facts: iapFacts(p), value: sql`count(distinct f.muni_id)` },
  ];
}
