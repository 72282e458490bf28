import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../common/api/reports.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { type ExpectedRow, expectedFigures } from '../../../test/report-figures-expected.ts';
import { loadRaw } from '../../../test/report-figures-raw.ts';
import { today } from '../../platform/clock.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { findFigures, refreshReportFigures } from './index.ts';
import { currentPeriodCode, findPeriods, type ResolvedPeriod, resolvePeriod } from './periods.ts';

/**
 * The read model against an independent computation (test/report-figures-expected.ts: the raw rows
 * aggregated in JavaScript) on the demo, with sessions, payments, referrals and outcomes added, at
 * every school, municipality and the nation, for a semester and a school year.
 */

let db: TestDatabase;
let current: ResolvedPeriod;
let year: ResolvedPeriod;
let previous: ResolvedPeriod | undefined;

const one = async <T>(q: ReturnType<typeof sql>) =>
  (await db.database.read((d) => queryRows<T>(d, q)))[0] as T;

/** Delivery the demo does not make: sessions (confirmed, unconfirmed, two keys), payments, referrals, outcomes. */
async function addDelivery(tx: Db, period: ResolvedPeriod): Promise<void> {
  const plans = await queryRows<{ id: string; student_id: string; school_id: string; measure_id: string }>(
    tx,
    sql`select p.id, p.student_id, p.school_id, m.id as measure_id from plans p
        join plan_measures m on m.plan_id = p.id and m.kind = 'consultation' and m.removed_at is null
        where p.semester_id = any(${`{${period.semesterIds.join(',')}}`}::uuid[]) and p.status <> 'deleted'
        order by p.code limit 4`,
  );
  expect(plans.length).toBeGreaterThanOrEqual(3);
  // The demo's plan events share its transaction's moment: spread them (in their order) so waits differ.
  await tx.execute(sql`update plan_events set at = at + id * interval '3 hours'`);
  const [a, b, c] = plans;
  // A psychologist measure on the first plan (the demo's plans have subject consultations only).
  const psych = '00000000-0000-4000-8000-00000000a001';
  await tx.execute(sql`insert into plan_measures (plan_id, id, position, kind, consultation_type, planned_hours, justification)
    values (${a.id}, ${psych}, 99, 'consultation', 'psychologist', 4, 'test')`);
  const provider = (await queryRows<{ id: string }>(tx, sql`select id from users order by email limit 1`))[0]
    .id;
  const session = async (id: string, onDate: string, minutes: number, mode: string) =>
    tx.execute(sql`insert into support_sessions (id, school_id, provider_id, on_date, start_time, minutes, mode, topic)
      values (${id}, ${a.school_id}, ${provider}, ${onDate}, '10:00', ${minutes}, ${mode}, 'test')`);
  const s1 = '00000000-0000-4000-8000-00000000b001';
  const s2 = '00000000-0000-4000-8000-00000000b002';
  const s3 = '00000000-0000-4000-8000-00000000b003';
  await session(s1, period.startsOn, 45, 'in_person');
  await session(s2, today(), 60, 'remote');
  await session(s3, period.startsOn, 30, 'in_person');
  const take = (sessionId: string, p: (typeof plans)[number], measureId: string, confirmed: boolean) =>
    tx.execute(sql`insert into session_participants (session_id, student_id, plan_id, measure_id, confirmed_at, confirmed_via)
      values (${sessionId}, ${p.student_id}, ${p.id}, ${measureId}, ${confirmed ? sql`now()` : sql`null`}, ${confirmed ? 'pin' : null})`);
  // Session 1: two students on subject measures (its minutes count once) and one on the psychologist's.
  await take(s1, a, psych, true);
  await take(s1, b, b.measure_id, true);
  await take(s1, c, c.measure_id, true);
  // Session 2: remote, not confirmed yet (holds budget while open, no hours); session 3: never confirmed.
  await take(s2, a, a.measure_id, false);
  await take(s3, b, b.measure_id, false);
  await tx.execute(sql`insert into economic_payments (plan_id, measure_id, student_id, school_id, semester_id, on_date, category, amount_cents, recipient, document_ref)
    select p.id, m.id, p.student_id, p.school_id, p.semester_id, ${period.startsOn}::date, m.economic_category, 1234 + row_number() over (order by p.code)::int, 'AS Test', 'R-' || p.code
    from plans p join plan_measures m on m.plan_id = p.id and m.kind = 'economic'
    where p.semester_id = any(${`{${period.semesterIds.join(',')}}`}::uuid[]) and p.status <> 'deleted'`);
  const partners = await queryRows<{ id: string }>(
    tx,
    sql`select id from organisations where type = 'partner' order by code limit 2`,
  );
  let n = 0;
  for (const [p, partner, status] of [
    [a, partners[0], 'sent'],
    [b, partners[0], 'answered'],
    [c, partners[1] ?? partners[0], 'sent'],
  ] as const) {
    n += 1;
    await tx.execute(sql`insert into referrals (code, student_id, school_id, partner_id, plan_id, reason, urgency, due_on, items, shared_data, status, sent_by, sent_at, updated_at)
      values (${`NOS-T-${n}`}, ${p.student_id}, ${p.school_id}, ${partner.id}, ${p.id}, 'test', 'normal', ${period.endsOn}, '{}', '{}'::jsonb, ${status}, ${provider},
        ${`${period.startsOn}T09:00:00Z`}, now())`);
  }
  await tx.execute(sql`insert into student_outcomes (student_id, school_year, school_id, outcome)
    values (${a.student_id}, ${period.schoolYear}, ${a.school_id}, 'continues'), (${b.student_id}, ${period.schoolYear}, ${b.school_id}, 'repeats_year')`);
  // A student without a plan: their outcome is not the programme's.
  await tx.execute(sql`insert into student_outcomes (student_id, school_year, school_id, outcome)
    select s.id, ${period.schoolYear}, s.school_id, 'graduated' from students s
    where not exists (select 1 from plans p where p.student_id = s.id) order by s.personal_code limit 1`);
}

const keyOf = (r: { orgId: string; indicator: string; key: string }) => `${r.orgId}|${r.indicator}|${r.key}`;

async function compare(period: ResolvedPeriod): Promise<ExpectedRow[]> {
  await refreshReportFigures(db.database, period.code);
  const raw = await db.database.read((d) => loadRaw(d));
  const expected = expectedFigures(raw, period);
  const orgIds = raw.orgs.map((o) => String(o.id));
  const actual = await db.database.read((d) => findFigures(d, period.code, orgIds));
  expect(actual.map(keyOf).sort()).toEqual(expected.map(keyOf).sort());
  const byKey = new Map(actual.map((r) => [keyOf(r), r]));
  for (const e of expected) {
    const a = byKey.get(keyOf(e));
    expect({ row: keyOf(e), students: a?.students }).toEqual({ row: keyOf(e), students: e.students });
    expect(Math.abs((a?.value ?? Number.NaN) - e.value), keyOf(e)).toBeLessThanOrEqual(0.0051);
  }
  return expected;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const code = (await db.database.read((d) => currentPeriodCode(d))) as string;
  current = (await db.database.read((d) => resolvePeriod(d, code))) as ResolvedPeriod;
  year = (await db.database.read((d) => resolvePeriod(d, String(current.schoolYear)))) as ResolvedPeriod;
  const periods = await db.database.read((d) => findPeriods(d));
  previous = periods.find((p) => p.semester !== null && p.endsOn < current.startsOn);
  await db.database.withTx((tx) => addDelivery(tx, current));
});
afterAll(async () => db?.drop());

describe('the read model against an independent computation on the demo', () => {
  it('holds every indicator of the current semester at each school, municipality and the nation', async () => {
    const expected = await compare(current);
    const types = await db.database.read((d) =>
      queryRows<{ id: string; type: string }>(d, sql`select id, type from organisations`),
    );
    const typeOf = new Map(types.map((t) => [t.id, t.type]));
    // The added delivery reaches every level and every indicator the demo can have in a semester.
    const present = new Set(expected.map((e) => e.indicator));
    const delivered = ['hours_by_subject', 'hours_by_specialist', 'euros_by_category', 'budget_used'];
    const others = ['referrals_by_partner', 'referrals_by_status', 'outcomes', 'students_supported'];
    const demo = [
      'students_flagged',
      'students_with_risks',
      'students_with_plans',
      'plans_by_status',
      'iaps',
    ];
    for (const code of [...delivered, ...others, ...demo, 'budget_allocated', 'risks_by_type'])
      expect(INDICATOR_CODES as string[]).toContain(code);
    for (const code of [...delivered, ...others, ...demo]) expect(present, code).toContain(code);
    for (const level of ['school', 'municipality', 'nation'])
      expect(expected.some((e) => e.indicator === 'hours_by_subject' && typeOf.get(e.orgId) === level)).toBe(
        true,
      );
    // Session 1's subject minutes count once although two students took part.
    const nation = types.find((t) => t.type === 'nation')?.id;
    const hours = expected.filter((e) => e.orgId === nation && e.indicator === 'hours_by_subject');
    expect(hours.reduce((a, e) => a + e.value, 0)).toBeCloseTo(0.75, 5);
    expect(hours.reduce((a, e) => a + (e.students ?? 0), 0)).toBe(2);
  });

  it('holds every indicator of the school year (both semesters)', async () => {
    const expected = await compare(year);
    expect(expected.some((e) => e.indicator === 'approval_wait_days' && e.value > 0)).toBe(true);
  });

  it('holds the previous semester (evaluated plans, measures carried out)', async () => {
    expect(previous).toBeDefined();
    const expected = await compare(previous as ResolvedPeriod);
    expect(expected.some((e) => e.indicator === 'measures_carried_out')).toBe(true);
  });

  it('records when the period was refreshed', async () => {
    const r = await one<{
      refreshed_at: string | null;
      duration_ms: number | null;
      requested_at: string | null;
    }>(
      sql`select refreshed_at, duration_ms, requested_at from report_refreshes where period = ${current.code}`,
    );
    expect(r.refreshed_at).not.toBeNull();
    expect(Number(r.duration_ms)).toBeGreaterThanOrEqual(0);
    expect(r.requested_at).toBeNull();
  });
});
