import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../server/platform/db.ts';

/** The raw rows the independent computation of test/report-figures-expected.ts reads, with plain selects. */

export type Row = Record<string, unknown>;
const all = (db: Db, table: string) => queryRows<Row>(db, sql.raw(`select * from ${table}`));
export const dateOf = (v: unknown) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
export const instant = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** Everything the computation reads, once. */
export async function loadRaw(db: Db) {
  const [orgs, semesters, plans, events, indicators, risks, riskItems, students] = await Promise.all([
    all(db, 'organisations'),
    all(db, 'semesters'),
    all(db, 'plans'),
    all(db, 'plan_events'),
    all(db, 'student_indicators'),
    all(db, 'student_risks'),
    all(db, 'risk_items'),
    all(db, 'students'),
  ]);
  const [sessions, participants, measures, payments, budgets, referrals, outcomes] = await Promise.all([
    all(db, 'support_sessions'),
    all(db, 'session_participants'),
    all(db, 'plan_measures'),
    all(db, 'economic_payments'),
    all(db, 'support_budgets'),
    all(db, 'referrals'),
    all(db, 'student_outcomes'),
  ]);
  return {
    orgs,
    semesters,
    plans,
    events,
    indicators,
    risks,
    riskItems,
    students,
    sessions,
    participants,
    measures,
    payments,
    budgets,
    referrals,
    outcomes,
  };
}
export type Raw = Awaited<ReturnType<typeof loadRaw>>;
