import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReportIndicators } from '../../../common/api/reports.ts';
import { organisationIdsByCode } from '../../../test/factories.ts';
import { leaksInAnswer } from '../../../test/report-attacker.ts';
import { type FigureInput, headlineRows, putFigures } from '../../../test/report-figures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { now } from '../../platform/clock.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { isCountUnit } from './suppress.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let org: Record<string, string>;
let period: string;

const HEADLINES: Record<string, [number, number, number, number, number]> = {
  'ZIEM-S1': [3, 20, 12, 7, 12],
  'ZIEM-S2': [9, 2, 10, 6, 11],
  'ZIEM-S3': [2, 8, 1, 0, 1],
  'ZIEM-S4': [14, 11, 9, 9, 9],
  'DIEN-S5': [6, 6, 6, 6, 6],
  'DIEN-S6': [7, 7, 7, 7, 7],
  'DIEN-S7': [0, 0, 0, 0, 0],
  'DIEN-S8': [1, 5, 5, 5, 5],
  'VPII-S9': [4, 12, 3, 3, 3],
};
const sum = (codes: string[]) =>
  [0, 1, 2, 3, 4].map((i) => codes.reduce((a, k) => a + HEADLINES[k][i], 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
const asRows = (id: string, [flagged, risks, plans, supported, iaps]: number[]) =>
  headlineRows(id, { flagged, risks, plans, supported, iaps });

beforeAll(async () => {
  server = await createTestServer();
  for (const a of ['admin', 'auditors', 'koord.ziemelu', 'koord.dienvidu', 'koord.s1', 'skolotajs.s1'])
    c[a] = await server.signIn(a);
  org = await organisationIdsByCode(c.admin);
  period = (await c.admin.get('/api/reports/periods')).json().current;
  const ziem = ['ZIEM-S1', 'ZIEM-S2', 'ZIEM-S3', 'ZIEM-S4'];
  const dien = ['DIEN-S5', 'DIEN-S6', 'DIEN-S7', 'DIEN-S8'];
  const rows: FigureInput[] = [
    ...Object.entries(HEADLINES).flatMap(([code, v]) => asRows(org[code], v)),
    ...asRows(org.ZIEM, sum(ziem)),
    ...asRows(org.DIEN, sum(dien)),
    ...asRows(org.LV, sum([...ziem, ...dien, 'VPII-S9'])),
    ...[
      ['draft', 3],
      ['approved', 40],
      ['in_progress', 12],
      ['closed', 1],
    ].map(([key, value]) => ({
      org: org.LV,
      indicator: 'plans_by_status',
      key: key as string,
      value: value as number,
      students: value as number,
    })),
    ...[
      ['continues', 20],
      ['graduated', 4],
      ['left_education', 1],
      ['moved_school', 7],
    ].map(([key, value]) => ({
      org: org.ZIEM,
      indicator: 'outcomes',
      key: key as string,
      value: value as number,
      students: value as number,
    })),
    { org: org.ZIEM, indicator: 'hours_by_subject', key: 'Matemātika', value: 12.5, students: 3 },
    { org: org.ZIEM, indicator: 'hours_by_subject', key: 'Fizika', value: 30, students: 8 },
    { org: org.ZIEM, indicator: 'hours_by_subject', key: 'Ķīmija', value: 41, students: 11 },
    { org: org.ZIEM, indicator: 'approval_wait_days', key: 'director', value: 4, students: 2 },
    { org: org.ZIEM, indicator: 'approval_wait_days', key: 'municipality', value: 6, students: 9 },
  ];
  await putFigures(server.database, period, rows);
}, 120_000);
afterAll(() => server.close());

const indicators = async (client: TestClient, query = '') => {
  const res = await client.get(`/api/reports/indicators${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TReportIndicators;
};
const cell = (a: TReportIndicators, code: string, key = '') =>
  a.indicators.find((i) => i.code === code)?.cells.find((x) => x.key === key);

describe('the report API: who sees what', () => {
  it('lists the periods newest first with the current semester', async () => {
    const res = await c['koord.s1'].get('/api/reports/periods');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((p: { code: string }) => p.code)).toContain(body.current);
    expect(body.items[0].semester).toBeNull();
  });

  it('opens at the caller’s widest organisation, with breadcrumbs only within the scope', async () => {
    const nation = await indicators(c.admin);
    expect(nation.org.id).toBe(org.LV);
    expect(nation.path.map((o) => o.id)).toEqual([org.LV]);
    expect(nation.children.map((x) => x.org.name)).toEqual([
      'Dienvidu novads',
      'Valsts Jūrmalas tehnikums',
      'Ziemeļu novads',
    ]);
    const mun = await indicators(c['koord.ziemelu']);
    expect(mun.org.id).toBe(org.ZIEM);
    expect(mun.path.map((o) => o.id)).toEqual([org.ZIEM]);
    expect(mun.children).toHaveLength(4);
    const school = await indicators(c['koord.ziemelu'], `?org=${org['ZIEM-S1']}&period=${period}`);
    expect(school.path.map((o) => o.id)).toEqual([org.ZIEM, org['ZIEM-S1']]);
    expect(school.children).toEqual([]);
    expect(school.studentsDrillDown).toBe(true);
    expect(cell(school, 'students_flagged')?.value).toBe(3);
  });

  it('sums the cells that add up and gives no total for medians and one-number indicators', async () => {
    const nation = await indicators(c.admin);
    const byStatus = nation.indicators.find((i) => i.code === 'plans_by_status');
    expect(byStatus?.total?.value).toBe(56);
    expect(nation.indicators.find((i) => i.code === 'students_flagged')?.total).toBeNull();
    const mun = await indicators(c['koord.ziemelu']);
    expect(mun.indicators.find((i) => i.code === 'approval_wait_days')?.total).toBeNull();
    expect(mun.indicators.find((i) => i.code === 'hours_by_subject')?.total?.value).toBe(83.5);
    expect(mun.childrenTotal.find((x) => x.key === 'students_flagged')?.value).toBe(28);
  });

  it('answers another municipality, its school, a partner or an unknown id with 404; a teacher 403', async () => {
    const k = c['koord.ziemelu'];
    for (const id of [
      org.DIEN,
      org['DIEN-S5'],
      org.LV,
      org['VPII-S9'],
      '00000000-0000-4000-8000-000000000000',
    ])
      expect((await k.get(`/api/reports/indicators?org=${id}`)).statusCode, id).toBe(404);
    const partner = (await c.admin.get('/api/organisations'))
      .json()
      .items.find((o: { type: string }) => o.type === 'partner');
    expect((await c.admin.get(`/api/reports/indicators?org=${partner.id}`)).statusCode).toBe(404);
    expect((await c['koord.s1'].get(`/api/reports/indicators?org=${org['ZIEM-S2']}`)).statusCode).toBe(404);
    expect((await c['skolotajs.s1'].get('/api/reports/indicators')).statusCode).toBe(403);
    expect((await c['skolotajs.s1'].get('/api/reports/periods')).statusCode).toBe(403);
  });

  it('refuses a malformed period (400), a period the calendar lacks (404), and `org` twice (400)', async () => {
    const a = c.admin;
    for (const bad of ['0000', '9999', '2026-3', '%00', '2026%00'])
      expect((await a.get(`/api/reports/indicators?period=${bad}`)).statusCode, bad).toBe(400);
    expect((await a.get('/api/reports/indicators?period=2001-1')).statusCode).toBe(404);
    expect((await a.get(`/api/reports/indicators?org=${org.LV}&org=${org.ZIEM}`)).statusCode).toBe(400);
  });
});

describe('the auditor view', () => {
  it('shows the coordinator 3 where the auditor sees a suppressed cell', async () => {
    const coordinator = await indicators(c['koord.ziemelu'], `?org=${org['ZIEM-S1']}`);
    expect(cell(coordinator, 'students_flagged')).toMatchObject({ value: 3, suppressed: false });
    const auditor = await indicators(c.auditors, `?org=${org['ZIEM-S1']}`);
    expect(auditor.suppressed).toBe(true);
    expect(auditor.studentsDrillDown).toBe(false);
    expect(cell(auditor, 'students_flagged')).toEqual({
      key: '',
      value: null,
      students: null,
      suppressed: true,
    });
    // An amount resting on 3 students is hidden whatever its size; a median on 2 as well.
    const mun = await indicators(c.auditors, `?org=${org.ZIEM}`);
    expect(cell(mun, 'hours_by_subject', 'Matemātika')?.suppressed).toBe(true);
    expect(cell(mun, 'approval_wait_days', 'director')?.suppressed).toBe(true);
    expect(cell(mun, 'approval_wait_days', 'municipality')?.value).toBe(6);
  });

  it('lets no suppressed figure be derived from a total or its siblings (the attacker)', async () => {
    for (const id of [org.LV, org.ZIEM, org.DIEN, org['ZIEM-S1'], org['VPII-S9']]) {
      const a = await indicators(c.auditors, `?org=${id}`);
      expect(leaksInAnswer(a, isCountUnit), id).toEqual([]);
      const hidden = [
        ...a.indicators.flatMap((i) => i.cells),
        ...a.children.flatMap((ch) => ch.cells),
      ].filter((x) => x.suppressed);
      if (id === org.LV || id === org.ZIEM) expect(hidden.length, id).toBeGreaterThan(0);
    }
  });

  it('never opens the students to the auditor', async () => {
    const res = await c.auditors.get(`/api/reports/students?org=${org['ZIEM-S1']}`);
    expect(res.statusCode).toBe(403);
  });
});

describe('the drill-down to students', () => {
  it('lists a school’s students with a flag, a risk or a plan, and audits the read', async () => {
    const res = await c['koord.s1'].get(`/api/reports/students?org=${org['ZIEM-S1']}&limit=5`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeLessThanOrEqual(5);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.total).toBeGreaterThanOrEqual(body.items.length);
    for (const s of body.items) expect(s.flagged || s.risks > 0 || s.planId !== null).toBe(true);
    const audit = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where action = 'report.students_view' and entity_id = ${org['ZIEM-S1']}`,
      ),
    );
    expect(Number(audit[0].n)).toBeGreaterThan(0);
    const page2 = (
      await c['koord.s1'].get(`/api/reports/students?org=${org['ZIEM-S1']}&limit=5&offset=5`)
    ).json();
    expect(page2.total).toBe(body.total);
    const ids = new Set(body.items.map((s: { id: string }) => s.id));
    for (const s of page2.items) expect(ids.has(s.id)).toBe(false);
  });

  it('answers a municipality with 400 and another school with 404', async () => {
    const mun = await c['koord.ziemelu'].get(`/api/reports/students?org=${org.ZIEM}`);
    expect(mun.statusCode).toBe(400);
    expect(mun.json().error.code).toBe('report_school_only');
    expect((await c['koord.s1'].get(`/api/reports/students?org=${org['ZIEM-S2']}`)).statusCode).toBe(404);
    expect((await c['koord.ziemelu'].get(`/api/reports/students?org=${org['DIEN-S5']}`)).statusCode).toBe(
      404,
    );
  });
  it('no longer lists a student who moved to another school at the old school, nor their old plan at the new one', async () => {
    const before = (await c['koord.s1'].get(`/api/reports/students?org=${org['ZIEM-S1']}&limit=500`)).json();
    const student = before.items.find((s: { planId: string | null }) => s.planId !== null);
    expect(student).toBeDefined();
    const moved = await c['koord.s1'].post(`/api/students/${student.id}/move`, {
      toSchoolId: org['ZIEM-S2'],
      movedOn: todayInLatvia(),
      classLabel: '8.b',
      grade: 8,
      reason: 'Ģimene pārcēlās',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await c['koord.s1'].get(`/api/reports/students?org=${org['ZIEM-S1']}&limit=500`)).json();
    expect(after.items.map((s: { id: string }) => s.id)).not.toContain(student.id);
    expect(after.total).toBe(before.total - 1);
    const atNew = (
      await c['koord.ziemelu'].get(`/api/reports/students?org=${org['ZIEM-S2']}&limit=500`)
    ).json();
    for (const s of atNew.items as { id: string; planId: string | null }[])
      if (s.id === student.id) expect(s.planId).not.toBe(student.planId);
  });
});

describe('refresh and the ministry API document', () => {
  it('starts a refresh (202), records the request, and refuses a second while one is running (409)', async () => {
    const key = `reports.refresh:${period}`;
    // A refresh running now by the app's clock (one older than two hours would count as abandoned).
    const at = now().toISOString();
    await server.database.withTx((tx) => tx.execute(sql`delete from job_runs where singleton_key = ${key}`));
    await server.database.withTx((tx) =>
      tx.execute(
        sql`insert into job_runs (id, name, data, singleton_key, state, created_at, updated_at)
            values (gen_random_uuid(), 'reports.refresh', '{}'::jsonb, ${key}, 'running', ${at}, ${at})`,
      ),
    );
    const busy = await c.admin.post('/api/reports/refresh', { period });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('job_running');
    // The request is on record for the dashboards (the running refresh clears it when it ends).
    expect((await indicators(c.admin)).refreshRequestedAt).not.toBeNull();
    await server.database.withTx((tx) => tx.execute(sql`delete from job_runs where singleton_key = ${key}`));
    const res = await c['koord.s1'].post('/api/reports/refresh', { period });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await c.auditors.post('/api/reports/refresh', {})).statusCode).toBe(403);
    expect((await c['skolotajs.s1'].post('/api/reports/refresh', {})).statusCode).toBe(403);
    expect((await c.admin.post('/api/reports/refresh', { period: '2001-1' })).statusCode).toBe(404);
  });

  it('never runs two refreshes of a period at once when the same request comes twice at the same moment', async () => {
    const key = `reports.refresh:${period}`;
    await server.database.withTx((tx) => tx.execute(sql`delete from job_runs where singleton_key = ${key}`));
    const both = await Promise.all([
      c['koord.s1'].post('/api/reports/refresh', { period }),
      c['koord.ziemelu'].post('/api/reports/refresh', { period }),
    ]);
    for (const r of both) expect([202, 409], r.body).toContain(r.statusCode);
    const runs = await server.database.read((db) =>
      queryRows<{ created: number; ended: number; state: string }>(
        db,
        sql`select (extract(epoch from created_at) * 1000)::float8 as created, (extract(epoch from updated_at) * 1000)::float8 as ended, state from job_runs where singleton_key = ${key} order by created_at`,
      ),
    );
    // One job per 202; a second one only after the first had ended (the test server runs jobs at once).
    expect(runs.length).toBe(both.filter((r) => r.statusCode === 202).length);
    if (runs.length === 2) {
      expect(runs[0].state).toBe('done');
      expect(Number(runs[1].created)).toBeGreaterThanOrEqual(Number(runs[0].ended));
    }
  });

  it('describes the indicators route with its answer’s schema in the OpenAPI document', async () => {
    const spec = (await server.client().get('/api/openapi.json')).json();
    const op = spec.paths['/api/reports/indicators'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['org', 'period']);
    const schema = op.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'org',
        'path',
        'period',
        'suppressed',
        'indicators',
        'children',
        'childrenTotal',
      ]),
    );
  });
});
