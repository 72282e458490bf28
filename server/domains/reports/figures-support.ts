import { type SQL, sql } from 'drizzle-orm';
import {
  DISTINCT_ITEMS,
  type FigureSpec,
  HOURS_ONCE,
  NO_STUDENTS,
  type PeriodScope,
  SUM,
  semesterIdsOf,
} from './figures-sql.ts';

/** Support delivered and paid, budgets and referrals. */

/**
 * Confirmed participations in sessions held in the period (the session's school), keyed by `key`
 * of the measure `m`; `first` marks one row per (session, key) so a session's minutes count once
 * for each key however many students took part.
 */
function consultationFacts(p: PeriodScope, key: SQL, which: SQL): SQL {
  return sql`select ss.school_id, ${key}, sp.student_id, ss.id::text, ss.minutes::numeric,
      row_number() over (partition by ss.id, ${key} order by sp.student_id) = 1
    from session_participants sp join support_sessions ss on ss.id = sp.session_id
    join plan_measures m on m.plan_id = sp.plan_id and m.id = sp.measure_id
    join plans pl on pl.id = sp.plan_id
    where sp.confirmed_at is not null and pl.status <> 'deleted' and m.kind = 'consultation' and ${which}
      and ss.on_date between ${p.startsOn}::date and ${p.endsOn}::date`;
}

/**
 * Budget use the way the budgets domain computes it (server/domains/budgets/budget-repo.ts): a
 * school's consultation minutes are its sessions within each semester's dates that hold budget
 * (confirmed by a student, or while confirmation is still open on `today`); economic use is the
 * payments of the semester by category, in cents.
 */
const budgetUsedFacts = (
  p: PeriodScope,
) => sql`select ss.school_id, 'consultation', null::uuid, null::text, ss.minutes::numeric, null::boolean
    from support_sessions ss join semesters sem on sem.id = any(${semesterIdsOf(p)})
      and ss.on_date between sem.starts_on and sem.ends_on
    where exists (select 1 from session_participants c where c.session_id = ss.id and c.confirmed_at is not null)
      or (ss.mode = 'remote' and ss.on_date + 1 >= ${p.today}::date)
      or (ss.mode <> 'remote' and (ss.created_at at time zone 'Europe/Riga')::date >= ${p.today}::date)
    union all
    select ep.school_id, ep.category, null::uuid, null::text, ep.amount_cents::numeric, null::boolean
    from economic_payments ep where ep.semester_id = any(${semesterIdsOf(p)})`;

/** Referrals sent in the period (the Latvian date of sending), at the sending school. */
const referralFacts = (
  p: PeriodScope,
  key: SQL,
) => sql`select r.school_id, ${key}, r.student_id, r.id::text, null::numeric, null::boolean
    from referrals r where (r.sent_at at time zone 'Europe/Riga')::date between ${p.startsOn}::date and ${p.endsOn}::date`;

export function supportFigures(p: PeriodScope): FigureSpec[] {
  return [
    {
      code: 'hours_by_subject',
      facts: consultationFacts(p, sql`m.subject`, sql`m.consultation_type = 'subject'`),
      value: HOURS_ONCE,
    },
    {
      code: 'hours_by_specialist',
      facts: consultationFacts(p, sql`m.consultation_type`, sql`m.consultation_type <> 'subject'`),
      value: HOURS_ONCE,
    },
    {
      code: 'euros_by_category',
      facts: sql`select ep.school_id, ep.category, ep.student_id, ep.id::text, ep.amount_cents::numeric, null::boolean
        from economic_payments ep join plans pl on pl.id = ep.plan_id
        where ep.semester_id = any(${semesterIdsOf(p)}) and pl.status <> 'deleted'`,
      value: SUM,
    },
    {
      code: 'budget_allocated',
      facts: sql`select b.school_id, b.category, null::uuid, null::text, b.amount::numeric, null::boolean
        from support_budgets b where b.semester_id = any(${semesterIdsOf(p)})`,
      value: SUM,
      students: NO_STUDENTS,
    },
    { code: 'budget_used', facts: budgetUsedFacts(p), value: SUM, students: NO_STUDENTS },
    { code: 'referrals_by_partner', facts: referralFacts(p, sql`r.partner_id::text`), value: DISTINCT_ITEMS },
    { code: 'referrals_by_status', facts: referralFacts(p, sql`r.status`), value: DISTINCT_ITEMS },
  ];
}
