import { type SQL, sql } from 'drizzle-orm';
import { todayInLatvia } from '../../platform/dates.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/**
 * Whether a session `ss` still holds consultation budget on `today`: once a student confirmed it,
 * or while confirmation is open (remote: the session day and the day after; in person: on the spot,
 * the day it was recorded). An expired, never-confirmed session releases what it held.
 * `confirmed` is the confirmation that counts (the session's, or one participant's).
 */
function holdsBudget(today: string, confirmed: SQL): SQL {
  return sql`(${confirmed}
    or (ss.mode = 'remote' and ss.on_date + 1 >= ${today}::date)
    or (ss.mode <> 'remote' and (ss.created_at at time zone 'Europe/Riga')::date >= ${today}::date))`;
}
const anyConfirmed = sql`exists (select 1 from session_participants c where c.session_id = ss.id and c.confirmed_at is not null)`;

/**
 * The allocation of one budget line, locked for the rest of the transaction: two recordings against
 * the same line wait for each other, so the remaining amount can never go below zero.
 */
export async function lockBudgetLine(
  db: Db,
  schoolId: string,
  semesterId: string,
  category: string,
): Promise<number | null> {
  const rows = await queryRows<{ amount: number }>(
    db,
    sql`select amount from support_budgets where school_id = ${schoolId} and semester_id = ${semesterId} and category = ${category} for update`,
  );
  return rows[0] ? Number(rows[0].amount) : null;
}

/** Allocations and use of a school's semester, per category (minutes for consultations, cents otherwise). */
export async function findBudgetUse(db: Db, schoolId: string, semesterId: string, today = todayInLatvia()) {
  const allocated = await queryRows<{ category: string; amount: number }>(
    db,
    sql`select category, amount from support_budgets where school_id = ${schoolId} and semester_id = ${semesterId}`,
  );
  const used = await queryRows<{ category: string; amount: number }>(
    db,
    sql`select 'consultation' as category, coalesce(sum(ss.minutes), 0)::int as amount
          from support_sessions ss join semesters sem on sem.id = ${semesterId}
          where ss.school_id = ${schoolId} and ss.on_date between sem.starts_on and sem.ends_on
            and ${holdsBudget(today, anyConfirmed)}
        union all
        select category, sum(amount_cents)::int from economic_payments where school_id = ${schoolId} and semester_id = ${semesterId} group by category`,
  );
  return { allocated, used };
}

/** The one number of a `select … as n` sum (minutes of sessions or cents of payments). */
async function sumOf(db: Db, query: SQL): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, query);
  return Number(rows[0]?.n ?? 0);
}

/** What one student already received in a semester in a category (minutes of sessions, or cents). */
export async function studentUse(
  db: Db,
  studentId: string,
  semesterId: string,
  category: string,
  today = todayInLatvia(),
): Promise<number> {
  return sumOf(
    db,
    category === 'consultation'
      ? sql`select coalesce(sum(ss.minutes), 0)::int as n from session_participants sp join support_sessions ss on ss.id = sp.session_id
              join semesters sem on sem.id = ${semesterId}
              where sp.student_id = ${studentId} and ss.on_date between sem.starts_on and sem.ends_on
                and ${holdsBudget(today, sql`sp.confirmed_at is not null`)}`
      : sql`select coalesce(sum(amount_cents), 0)::int as n from economic_payments where student_id = ${studentId} and semester_id = ${semesterId} and category = ${category}`,
  );
}

/** School-wide use of a budget line in a semester. */
export async function schoolUse(
  db: Db,
  schoolId: string,
  semesterId: string,
  category: string,
  today = todayInLatvia(),
): Promise<number> {
  // One line only: the check runs under the line's lock on every recording.
  return sumOf(
    db,
    category === 'consultation'
      ? sql`select coalesce(sum(ss.minutes), 0)::int as n from support_sessions ss join semesters sem on sem.id = ${semesterId}
              where ss.school_id = ${schoolId} and ss.on_date between sem.starts_on and sem.ends_on
                and ${holdsBudget(today, anyConfirmed)}`
      : sql`select coalesce(sum(amount_cents), 0)::int as n from economic_payments
              where school_id = ${schoolId} and semester_id = ${semesterId} and category = ${category}`,
  );
}

export async function upsertBudget(
  db: Db,
  schoolId: string,
  semesterId: string,
  category: string,
  amount: number,
  by: string | null,
): Promise<void> {
  await db.execute(sql`insert into support_budgets (school_id, semester_id, category, amount, updated_by) values (${schoolId}, ${semesterId}, ${category}, ${amount}, ${by})
    on conflict (school_id, semester_id, category) do update set amount = excluded.amount, updated_by = excluded.updated_by, updated_at = now()`);
}

export async function findCaps(db: Db) {
  return queryRows<{ category: string; amount: number }>(db, sql`select category, amount from support_caps`);
}

export async function setCap(
  db: Db,
  category: string,
  amount: number | null,
  by: string | null,
): Promise<void> {
  if (amount === null) await db.execute(sql`delete from support_caps where category = ${category}`);
  else
    await db.execute(sql`insert into support_caps (category, amount, updated_by) values (${category}, ${amount}, ${by})
      on conflict (category) do update set amount = excluded.amount, updated_by = excluded.updated_by, updated_at = now()`);
}

export async function insertOverCapDecision(
  db: Db,
  v: { schoolId: string; studentId: string; category: string; reason: string; decidedBy: string | null },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into over_cap_decisions (school_id, student_id, category, reason, decided_by) values (${v.schoolId}, ${v.studentId}, ${v.category}, ${v.reason}, ${v.decidedBy}) returning id`,
  );
  return rows[0].id;
}

/** Whether the same payment (document, amount, date) is already recorded for the measure of the plan. */
export async function paymentExists(
  db: Db,
  v: { planId: string; measureId: string; onDate: string; amountCents: number; documentRef: string },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from economic_payments where plan_id = ${v.planId} and measure_id = ${v.measureId}
        and on_date = ${v.onDate} and amount_cents = ${v.amountCents} and document_ref = ${v.documentRef} limit 1`,
  );
  return rows.length > 0;
}

export async function insertPayment(
  db: Db,
  v: {
    planId: string;
    measureId: string;
    studentId: string;
    schoolId: string;
    semesterId: string;
    onDate: string;
    category: string;
    amountCents: number;
    recipient: string;
    documentRef: string;
    overCapDecisionId: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into economic_payments (plan_id, measure_id, student_id, school_id, semester_id, on_date, category, amount_cents, recipient, document_ref, over_cap_decision_id, created_by)
        values (${v.planId}, ${v.measureId}, ${v.studentId}, ${v.schoolId}, ${v.semesterId}, ${v.onDate}, ${v.category}, ${v.amountCents}, ${v.recipient}, ${v.documentRef}, ${v.overCapDecisionId}, ${v.createdBy}) returning id`,
  );
  return rows[0].id;
}

export async function findPayments(db: Db, planId: string) {
  return queryRows<{
    id: string;
    measure_id: string;
    on_date: string;
    category: string;
    amount_cents: number;
    recipient: string;
    document_ref: string;
    reason: string | null;
    file_id: string | null;
  }>(
    db,
    sql`select p.id, p.measure_id, to_char(p.on_date, 'YYYY-MM-DD') as on_date, p.category, p.amount_cents, p.recipient, p.document_ref, d.reason, p.file_id
        from economic_payments p left join over_cap_decisions d on d.id = p.over_cap_decision_id where p.plan_id = ${planId} order by p.on_date, p.created_at`,
  );
}

/** Links a stored scan to a payment of the plan; false when the plan has no such payment. */
export async function attachPaymentFile(
  db: Db,
  planId: string,
  paymentId: string,
  fileId: string,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update economic_payments set file_id = ${fileId} where id = ${paymentId} and plan_id = ${planId} returning id`,
  );
  return rows.length > 0;
}
