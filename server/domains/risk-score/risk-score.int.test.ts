import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { organisationIdsByCode } from '../../../test/factories.ts';
import { writeRiskHistory } from '../../../test/risk-history-fixture.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { now } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';
import { RISK_FEATURES } from './model.ts';
import { RISK_SCORE_REFIT_JOB } from './refit.ts';
import { findLatestRiskModel } from './repo.ts';

let server: TestServer;
let cal: TestCalendar;
const c: Record<string, TestClient> = {};
let org: Record<string, string>;
let history: Awaited<ReturnType<typeof writeRiskHistory>>;
/** Fits audited before the tests: the demo's first fit when it loaded. */
let fitsAtStart = 0;

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'koord.ziemelu', 'skolotajs.s1', 'auditors', 'direktors.s1'])
    c[who] = await server.signIn(who);
  org = await organisationIdsByCode(c.admin);
  fitsAtStart = await auditCount('risk_score.fit');
}, 120_000);
afterAll(async () => {
  resetClock();
  await server.close();
});

async function runRefit(client: TestClient) {
  const res = await client.post('/api/risk-score/refit');
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json();
  for (let i = 0; i < 200; i += 1) {
    const job = (await client.get(`/api/jobs/${jobId}`)).json();
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('refit did not end');
}

const latest = () => server.database.read((db) => findLatestRiskModel(db));
const auditCount = (action: string) =>
  server.database
    .read((db) =>
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_events where action = ${action}`),
    )
    .then((r) => Number(r[0]?.n));

describe('refit', () => {
  it('refuses with too little history, says so in the job, and keeps the previous fit', async () => {
    const before = await latest();
    // No outcome anywhere, then 10 failing students: fewer than 30 at risk.
    await server.database.withTx((tx) => tx.execute(sql`delete from student_outcomes`));
    await writeRiskHistory(server.database, {
      semesterId: cal.previous.id,
      schoolYear: cal.previous.schoolYear,
      schoolIds: [org['ZIEM-S1']],
      positives: 10,
      negatives: 80,
    });
    const job = await runRefit(c.admin);
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ fitted: false, reason: 'not_enough_history', positives: 10 });
    expect((await latest())?.id).toBe(before?.id);
    expect(await auditCount('risk_score.refit')).toBe(1);
  });

  it('fits on the ended semesters with outcomes: only the ABC features, cross-validated metrics, audited', async () => {
    history = await writeRiskHistory(server.database, {
      semesterId: cal.previous.id,
      schoolYear: cal.previous.schoolYear,
      schoolIds: [org['ZIEM-S1'], org['DIEN-S5']],
      positives: 60,
      negatives: 200,
    });
    const job = await runRefit(c.admin);
    expect(job.state, job.errorCode).toBe('done');
    expect(job.result).toMatchObject({ fitted: true, rows: 350, positives: 70 });
    const stored = await latest();
    expect(stored?.model.features).toEqual(RISK_FEATURES);
    // Nothing but the features' names, means, SDs and weights: no gender, no student.
    const text = JSON.stringify(stored?.model);
    expect(text).not.toMatch(/gender|female|male|student/i);
    expect(stored?.model.logistic.weights).toHaveLength(RISK_FEATURES.length);
    expect(stored?.periods).toEqual([`${cal.previous.schoolYear}-${cal.previous.number}`]);
    expect(stored?.metrics.folds).toBe(10);
    expect(stored?.metrics.auc.mean).toBeGreaterThan(0.8);
    expect(stored?.metrics.prAuc.mean).toBeGreaterThan(0.5);
    expect(stored?.metrics.bestFlag?.auc).toBeGreaterThan(0.5);
    expect(await auditCount('risk_score.fit')).toBe(fitsAtStart + 2);
  });

  it('never runs two refits at once: a second request while one is queued or running is 409', async () => {
    await server.database.withTx((tx) =>
      tx.execute(
        sql`insert into job_runs (id, name, data, singleton_key, state, created_at, updated_at)
            values (gen_random_uuid(), ${RISK_SCORE_REFIT_JOB}, '{}'::jsonb, ${RISK_SCORE_REFIT_JOB}, 'running',
                    ${now().toISOString()}, ${now().toISOString()})`,
      ),
    );
    const busy = await c.admin.post('/api/risk-score/refit');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('job_running');
    await server.database.withTx((tx) =>
      tx.execute(
        sql`delete from job_runs where singleton_key = ${RISK_SCORE_REFIT_JOB} and state = 'running'`,
      ),
    );
  });

  it('is the national admin’s alone', async () => {
    for (const who of ['koord.s1', 'koord.ziemelu', 'skolotajs.s1', 'auditors'])
      expect((await c[who].post('/api/risk-score/refit')).statusCode, who).toBe(403);
    // /api/me says the same to the web: the refit for the admin alone, the model card for the report roles.
    const can = async (who: string) => (await c[who].get('/api/me')).json().can;
    expect(await can('admin')).toMatchObject({ refitRiskScore: true, viewRiskModel: true });
    expect(await can('koord.s1')).toMatchObject({ refitRiskScore: false, viewRiskModel: true });
    expect(await can('auditors')).toMatchObject({ refitRiskScore: false, viewRiskModel: true });
    expect(await can('skolotajs.s1')).toMatchObject({ refitRiskScore: false, viewRiskModel: false });
  });
});

describe('model card', () => {
  it('shows the fit, its metrics and each feature’s direction to the watch-list and report roles, no student data', async () => {
    for (const who of ['admin', 'koord.s1', 'koord.ziemelu', 'auditors']) {
      const res = await c[who].get('/api/risk-score/model');
      expect(res.statusCode, who).toBe(200);
      const { model } = res.json();
      expect(model.rows).toBe(350);
      expect(model.positives).toBe(70);
      expect(model.features.map((f: { feature: string }) => f.feature)).toEqual([...RISK_FEATURES]);
      const low = model.features.find((f: { feature: string }) => f.feature === 'lowMarks');
      expect(low.direction).toBe('raises');
      expect(res.body).not.toMatch(/studentId|Vēsture/);
    }
    expect((await c['skolotajs.s1'].get('/api/risk-score/model')).statusCode).toBe(403);
  });
});

describe('ranks', () => {
  const ranksUrl = (schoolId: string, extra = '') =>
    `/api/risk-score/ranks?schoolId=${schoolId}&semesterId=${cal.previous.id}${extra}`;

  it('ranks the school’s students with indicators, 1 = highest modelled risk, with the contributors', async () => {
    const res = await c['koord.s1'].get(ranksUrl(org['ZIEM-S1']));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.fittedAt).not.toBeNull();
    expect(body.items).toHaveLength(body.total);
    const ranks = body.items.map((i: { rank: number }) => i.rank);
    expect(ranks[0]).toBe(1);
    expect(Math.max(...ranks)).toBeLessThanOrEqual(body.total);
    expect(body.items.map((i: { studentId: string }) => i.studentId)).not.toContain(
      history.studentIds.failed[1],
    );
    // The fixture's failing students at school 1 (even positions) rank above its passing ones on average.
    const rankOf = new Map(body.items.map((i: { studentId: string; rank: number }) => [i.studentId, i.rank]));
    const mean = (ids: string[]) => {
      const r = ids.map((id) => rankOf.get(id)).filter((x): x is number => typeof x === 'number');
      return r.reduce((a, b) => a + b, 0) / r.length;
    };
    expect(mean(history.studentIds.failed)).toBeLessThan(mean(history.studentIds.passed));
    // Only reasons in their warning direction: never "0 behaviour notes" or "0 unjustified lessons".
    for (const item of body.items as { contributors: { feature: string; value: number }[] }[])
      for (const k of item.contributors)
        if (k.feature !== 'markAverage' && k.feature !== 'previousAverage')
          expect(k.value, JSON.stringify(item)).toBeGreaterThan(0);
    const top = body.items[0];
    expect(top.contributors.length).toBeGreaterThan(0);
    for (const k of top.contributors) expect(RISK_FEATURES).toContain(k.feature);
    const audited = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where request_id = ${String(res.headers['x-request-id'])}
            and action = 'risk_score.ranks_read' and org_id = ${org['ZIEM-S1']}`,
      ),
    );
    expect(Number(audited[0]?.n)).toBe(1);
  });

  it('gives one student’s rank of the whole school’s N (the student page)', async () => {
    const all = (await c['koord.s1'].get(ranksUrl(org['ZIEM-S1']))).json();
    const one = all.items[3];
    const res = (await c['koord.s1'].get(ranksUrl(org['ZIEM-S1'], `&studentId=${one.studentId}`))).json();
    expect(res.total).toBe(all.total);
    expect(res.items).toEqual([one]);
  });

  it('answers 404 for a school outside the caller’s scope or a student of another school', async () => {
    expect((await c['koord.s1'].get(ranksUrl(org['DIEN-S5']))).statusCode).toBe(404);
    expect((await c['koord.ziemelu'].get(ranksUrl(org['DIEN-S5']))).statusCode).toBe(404);
    expect((await c['koord.ziemelu'].get(ranksUrl(org['ZIEM-S1']))).statusCode).toBe(200);
    // A municipality is not a school: 404 too.
    expect((await c['koord.ziemelu'].get(ranksUrl(org.ZIEM))).statusCode).toBe(404);
    const s5Student = history.studentIds.failed[1];
    expect((await c['koord.s1'].get(ranksUrl(org['ZIEM-S1'], `&studentId=${s5Student}`))).statusCode).toBe(
      404,
    );
    expect((await c.admin.get(ranksUrl(org['DIEN-S5']))).statusCode).toBe(200);
  });

  it('is 403 for a role without the watch list (a teacher sees assigned students, not the school’s order)', async () => {
    expect((await c['skolotajs.s1'].get(ranksUrl(org['ZIEM-S1']))).statusCode).toBe(403);
    expect((await c.auditors.get(ranksUrl(org['ZIEM-S1']))).statusCode).toBe(403);
  });

  it('ranks nobody without a fit, and still counts the school’s students', async () => {
    await server.database.withTx((tx) => tx.execute(sql`delete from risk_models`));
    const body = (await c['koord.s1'].get(ranksUrl(org['ZIEM-S1']))).json();
    expect(body.fittedAt).toBeNull();
    expect(body.items).toEqual([]);
    expect(body.total).toBeGreaterThan(0);
    expect((await c['koord.s1'].get('/api/risk-score/model')).json()).toEqual({ model: null });
  });
});
