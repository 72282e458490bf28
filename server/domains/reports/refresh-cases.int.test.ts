import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { inProcessJobRunner } from '../../platform/jobs-in-process.ts';
import {
  findFigures,
  findRefresh,
  refreshDuePeriods,
  refreshReportFigures,
  reportRefreshKey,
  requestReportRefresh,
  sendReportRefresh,
} from './index.ts';
import { currentPeriodCode, findPeriods, resolvePeriod } from './periods.ts';

/** Hand-built cases of the read model: moves, the state school, deleted plans, concurrent refreshes, the job. */

let db: TestDatabase;
let period: string;
let semesterId: string;
const org: Record<string, string> = {};

const read = <T>(q: ReturnType<typeof sql>) => db.database.read((d) => queryRows<T>(d, q));

/** One figure (0 when the read model has no row for it). */
async function figure(orgId: string, indicator: string, key = ''): Promise<number> {
  const rows = await db.database.read((d) => findFigures(d, period, [orgId], [indicator]));
  return rows.find((r) => r.key === key)?.value ?? 0;
}

/** A plan made directly (the workflow is not what these cases test). */
async function insertPlan(tx: Db, studentId: string, schoolId: string, movedOut = false): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into plans (code, student_id, school_id, semester_id, status, moved_out_at)
        values (${`IAP-TEST-${Math.random().toString(36).slice(2, 10)}`}, ${studentId}, ${schoolId}, ${semesterId}, 'draft',
          ${movedOut ? sql`now()` : sql`null`})
        returning id`,
  );
  return rows[0].id;
}

/** A student of `schoolCode` without any plan. */
async function planlessStudent(schoolCode: string, skip = 0): Promise<string> {
  const rows = await read<{ id: string }>(
    sql`select s.id from students s join organisations o on o.id = s.school_id
        where o.code = ${schoolCode} and not exists (select 1 from plans p where p.student_id = s.id)
        order by s.personal_code offset ${skip} limit 1`,
  );
  return rows[0].id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  period = (await db.database.read((d) => currentPeriodCode(d))) as string;
  semesterId = ((await db.database.read((d) => resolvePeriod(d, period)))?.semesterIds ?? [])[0];
  for (const o of await read<{ id: string; code: string }>(
    sql`select id, code from organisations where code is not null`,
  ))
    org[o.code] = o.id;
});
afterAll(async () => db?.drop());

describe('the read model', () => {
  it('is filled for every period of the calendar when the demo is loaded', async () => {
    const periods = (await db.database.read((d) => findPeriods(d))).map((p) => p.code).sort();
    const refreshed = await read<{ period: string }>(
      sql`select period from report_refreshes where refreshed_at is not null order by period`,
    );
    expect(refreshed.map((r) => r.period)).toEqual(periods);
    expect(await figure(org.LV, 'students_with_plans')).toBeGreaterThan(0);
  });

  it('counts a student who moved between two schools of one municipality once in the municipality', async () => {
    await refreshReportFigures(db.database, period);
    const before = {
      s1: await figure(org['ZIEM-S1'], 'students_with_plans'),
      s2: await figure(org['ZIEM-S2'], 'students_with_plans'),
      muni: await figure(org.ZIEM, 'students_with_plans'),
      nation: await figure(org.LV, 'students_with_plans'),
    };
    const student = await planlessStudent('ZIEM-S1');
    await db.database.withTx(async (tx) => {
      // The plan at the first school stays there, moved out; the second school makes its own.
      await insertPlan(tx, student, org['ZIEM-S1'], true);
      await tx.execute(sql`update students set school_id = ${org['ZIEM-S2']} where id = ${student}`);
      await insertPlan(tx, student, org['ZIEM-S2']);
    });
    await refreshReportFigures(db.database, period);
    expect(await figure(org['ZIEM-S1'], 'students_with_plans')).toBe(before.s1 + 1);
    expect(await figure(org['ZIEM-S2'], 'students_with_plans')).toBe(before.s2 + 1);
    expect(await figure(org.ZIEM, 'students_with_plans')).toBe(before.muni + 1);
    expect(await figure(org.LV, 'students_with_plans')).toBe(before.nation + 1);
    // Two plans, one student: the plans themselves count twice.
    const drafts = await figure(org.ZIEM, 'plans_by_status', 'draft');
    expect(drafts).toBeGreaterThanOrEqual(2);
  });

  it('has no municipality row for a state vocational school: its figures count under the nation only', async () => {
    const before = await db.database.read((d) =>
      findFigures(d, period, [org.LV, org.ZIEM, org.DIEN], ['students_with_plans']),
    );
    const student = await planlessStudent('VPII-S9');
    await db.database.withTx((tx) => insertPlan(tx, student, org['VPII-S9']));
    await refreshReportFigures(db.database, period);
    const after = await db.database.read((d) =>
      findFigures(d, period, [org.LV, org.ZIEM, org.DIEN], ['students_with_plans']),
    );
    const of = (rows: typeof after, id: string) => rows.find((r) => r.orgId === id)?.value ?? 0;
    expect(of(after, org.LV)).toBe(of(before, org.LV) + 1);
    expect(of(after, org.ZIEM)).toBe(of(before, org.ZIEM));
    expect(of(after, org.DIEN)).toBe(of(before, org.DIEN));
    expect(await figure(org['VPII-S9'], 'students_with_plans')).toBe(1);
    // Every row belongs to a school, a municipality or the nation (never a null org or the school's parent twice).
    const kinds = await read<{ type: string }>(
      sql`select distinct o.type from report_figures f join organisations o on o.id = f.org_id where f.period = ${period}`,
    );
    expect(kinds.map((k) => k.type).sort()).toEqual(['municipality', 'nation', 'school']);
  });

  it('counts a deleted plan nowhere', async () => {
    const student = await planlessStudent('ZIEM-S3');
    const planId = await db.database.withTx((tx) => insertPlan(tx, student, org['ZIEM-S3']));
    await refreshReportFigures(db.database, period);
    const withPlan = await figure(org['ZIEM-S3'], 'students_with_plans');
    const nationDrafts = await figure(org.LV, 'plans_by_status', 'draft');
    await db.database.withTx((tx) =>
      tx.execute(sql`update plans set status = 'deleted' where id = ${planId}`),
    );
    await refreshReportFigures(db.database, period);
    expect(await figure(org['ZIEM-S3'], 'students_with_plans')).toBe(withPlan - 1);
    expect(await figure(org.LV, 'plans_by_status', 'draft')).toBe(nationDrafts - 1);
    const deleted = await read<{ n: number }>(
      sql`select count(*)::int as n from report_figures where key = 'deleted' and period = ${period}`,
    );
    expect(Number(deleted[0].n)).toBe(0);
  });

  it('leaves one consistent set of rows when two refreshes run at the same moment', async () => {
    await refreshReportFigures(db.database, period);
    const once = await read<{ org_id: string; indicator: string; key: string; value: string }>(
      sql`select org_id, indicator, key, value from report_figures where period = ${period} order by 1, 2, 3`,
    );
    const results = await Promise.all([
      refreshReportFigures(db.database, period),
      refreshReportFigures(db.database, period),
    ]);
    expect(results.map((r) => r.rows)).toEqual([once.length, once.length]);
    const twice = await read<{ org_id: string; indicator: string; key: string; value: string }>(
      sql`select org_id, indicator, key, value from report_figures where period = ${period} order by 1, 2, 3`,
    );
    expect(twice).toEqual(once);
  });
});

describe('the refresh job', () => {
  it('is queued once per period and refreshes it', async () => {
    const jobs = inProcessJobRunner(db.database);
    const { registerReportRefreshJob } = await import('./index.ts');
    registerReportRefreshJob(jobs, db.database);
    const first = await sendReportRefresh(jobs, period, null);
    expect(first).not.toBeNull();
    // While it is queued or running, a second request for the same period is the same job.
    expect(await sendReportRefresh(jobs, period, null)).toBeNull();
    expect(reportRefreshKey(period)).toBe(`reports.refresh:${period}`);
    const before = (await db.database.read((d) => findRefresh(d, period)))?.refreshedAt;
    let status = await jobs.get(first as string);
    for (let i = 0; i < 400 && status?.state !== 'done' && status?.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await jobs.get(first as string);
    }
    expect(status?.state).toBe('done');
    expect(status?.result).toMatchObject({ period });
    const after = (await db.database.read((d) => findRefresh(d, period)))?.refreshedAt;
    expect(after).not.toBe(before);
    // A period the calendar does not have fails with its message code.
    const bad = await sendReportRefresh(jobs, '2099-1', null);
    status = await jobs.get(bad as string);
    for (let i = 0; i < 400 && status?.state !== 'done' && status?.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await jobs.get(bad as string);
    }
    expect(status).toMatchObject({ state: 'failed', errorCode: 'report_period_not_found' });
    await jobs.stop();
  });

  it('refreshes the current semester, its school year and any period asked for on schedule', async () => {
    const year = period.split('-')[0];
    const other = `${Number(year) - 1}`;
    await requestReportRefresh(db.database, other);
    // A period the calendar does not have is dropped, not retried every hour.
    await requestReportRefresh(db.database, '2099');
    expect((await db.database.read((d) => findRefresh(d, other)))?.requestedAt).not.toBeNull();
    const done = await refreshDuePeriods(db.database);
    expect(done.map((r) => r.period).sort()).toEqual([other, period, year].sort());
    expect((await db.database.read((d) => findRefresh(d, other)))?.requestedAt).toBeNull();
    expect((await db.database.read((d) => findRefresh(d, '2099')))?.requestedAt).toBeNull();
  });
});
