import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReportIndicators } from '../../../common/api/reports.ts';
import { organisationIdsByCode } from '../../../test/factories.ts';
import { leaksInAnswer } from '../../../test/report-attacker.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { isCountUnit } from './suppress.ts';

/**
 * The report API over the read model a real refresh computed on the demo data (no figures written by
 * the test): the POST's job runs, the answer carries its time, the drill-down agrees with the
 * figures, and the auditor's answers leak nothing.
 */
let server: TestServer;
const c: Record<string, TestClient> = {};
let org: Record<string, string>;
let period: string;

beforeAll(async () => {
  server = await createTestServer();
  for (const a of ['admin', 'auditors', 'koord.s1']) c[a] = await server.signIn(a);
  org = await organisationIdsByCode(c.admin);
  period = (await c.admin.get('/api/reports/periods')).json().current;
}, 120_000);
afterAll(() => server.close());

async function waitForJob(client: TestClient, id: string) {
  for (let i = 0; i < 600; i++) {
    const job = (await client.get(`/api/jobs/${id}`)).json();
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the refresh did not finish in 60 s');
}

describe('the report API after a real refresh', () => {
  it('refreshes the period through the job and answers with the new figures', async () => {
    const before = (
      await c.admin.get(`/api/reports/indicators?period=${period}`)
    ).json() as TReportIndicators;
    const res = await c.admin.post('/api/reports/refresh', { period });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(c.admin, res.json().jobId);
    expect(job.state, JSON.stringify(job)).toBe('done');
    const after = (await c.admin.get(`/api/reports/indicators?period=${period}`)).json() as TReportIndicators;
    expect(after.refreshedAt).not.toBeNull();
    // A new computation (not compared in time: with PUMPURS_NOW each process's clock starts afresh).
    expect(after.refreshedAt).not.toBe(before.refreshedAt);
    const plans = after.indicators.find((i) => i.code === 'students_with_plans')?.cells[0]?.value ?? 0;
    expect(plans).toBeGreaterThan(0);
    // The children's headline figures are the read model's rows of each child.
    expect(after.children.length).toBe(3);
  });

  it('lists as many students with a plan in the drill-down as the school’s figure counts', async () => {
    const school = org['ZIEM-S1'];
    const a = (await c['koord.s1'].get(`/api/reports/indicators?org=${school}&period=${period}`)).json();
    const figure = a.indicators.find((i: { code: string }) => i.code === 'students_with_plans').cells[0]
      .value;
    const list = (
      await c['koord.s1'].get(`/api/reports/students?org=${school}&period=${period}&limit=500`)
    ).json();
    const withPlans = list.items.filter((s: { planId: string | null }) => s.planId !== null).length;
    expect(withPlans).toBe(figure);
    const flagged = a.indicators.find((i: { code: string }) => i.code === 'students_flagged').cells[0].value;
    expect(list.items.filter((s: { flagged: boolean }) => s.flagged).length).toBe(flagged);
  });

  it('gives nothing away in the auditor’s answers on the demo’s figures', async () => {
    for (const id of [org.LV, org.ZIEM, org.DIEN, org['ZIEM-S1'], org['VPII-S9']]) {
      for (const p of [period, period.split('-')[0]]) {
        const res = await c.auditors.get(`/api/reports/indicators?org=${id}&period=${p}`);
        expect(res.statusCode).toBe(200);
        expect(leaksInAnswer(res.json(), isCountUnit), `${id} ${p}`).toEqual([]);
      }
    }
  });
});
