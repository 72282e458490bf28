import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

/**
 * Background jobs over HTTP: an indicator recomputation started by a coordinator, polled through
 * GET /api/jobs/:id by whoever's scope holds the job's organisation, and a 404 for everyone else.
 */
let server: TestServer;
const c: Record<string, TestClient> = {};
const org: Record<string, string> = {};

/** Polls a job as `client` until it has finished (it runs in the background; no time is asserted). */
async function waitUntilFinished(client: TestClient, id: string) {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(`/api/jobs/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    if (res.json().state === 'done' || res.json().state === 'failed') return res.json();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

beforeAll(async () => {
  server = await createTestServer();
  for (const who of ['koord.ziemelu', 'koord.dienvidu', 'koord.s1', 'koord.s2', 'admin', 'skolotajs.s1'])
    c[who] = await server.signIn(who);
  const rows = await server.database.read((db) =>
    queryRows<{ id: string; code: string }>(
      db,
      sql`select id, code from organisations where code is not null`,
    ),
  );
  for (const r of rows) org[r.code] = r.id;
}, 300_000);
afterAll(() => server.close());

describe('jobs', () => {
  it('recomputes a municipality’s indicators as a job its coordinator follows to the end', async () => {
    const start = await c['koord.ziemelu'].post(`/api/organisations/${org.ZIEM}/indicators/recompute`, {});
    expect(start.statusCode, start.body).toBe(202);
    const job = await waitUntilFinished(c['koord.ziemelu'], start.json().jobId);
    expect(job).toMatchObject({
      name: 'indicators.recompute',
      state: 'done',
      orgId: org.ZIEM,
      organisationName: expect.any(String),
      errorCode: null,
    });
    expect(job.result.schools).toBeGreaterThan(0);
    expect(job.result.students).toBeGreaterThan(0);
    expect(job.done).toBe(job.total);
    // The national admin sees every job; it is on the municipal coordinator's list.
    expect((await c.admin.get(`/api/jobs/${job.id}`)).statusCode).toBe(200);
    const list = (await c['koord.ziemelu'].get('/api/jobs')).json().items as { id: string }[];
    expect(list.map((j) => j.id)).toContain(job.id);
  });

  it('answers 404 for another municipality’s job, a job above the caller’s school and a teacher', async () => {
    const start = await c['koord.ziemelu'].post(`/api/organisations/${org.ZIEM}/indicators/recompute`, {});
    expect(start.statusCode, start.body).toBe(202);
    const id = start.json().jobId as string;
    await waitUntilFinished(c['koord.ziemelu'], id);
    for (const who of ['koord.dienvidu', 'koord.s1', 'skolotajs.s1']) {
      const res = await c[who].get(`/api/jobs/${id}`);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect(
      (await c['koord.dienvidu'].get('/api/jobs')).json().items.map((j: { id: string }) => j.id),
    ).not.toContain(id);
    // A job that does not exist looks the same.
    expect((await c['koord.ziemelu'].get('/api/jobs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('lets a school coordinator recompute their school, not another school or the municipality', async () => {
    const own = await c['koord.s1'].post(`/api/organisations/${org['ZIEM-S1']}/indicators/recompute`, {});
    expect(own.statusCode, own.body).toBe(202);
    const job = await waitUntilFinished(c['koord.s1'], own.json().jobId);
    expect(job.result.schools).toBe(1);
    // The municipality's coordinator sees the school's job; the other school's coordinator does not.
    expect((await c['koord.ziemelu'].get(`/api/jobs/${job.id}`)).statusCode).toBe(200);
    expect((await c['koord.s2'].get(`/api/jobs/${job.id}`)).statusCode).toBe(404);
    expect(
      (await c['koord.s1'].post(`/api/organisations/${org['ZIEM-S2']}/indicators/recompute`, {})).statusCode,
    ).toBe(404);
    expect(
      (await c['koord.s1'].post(`/api/organisations/${org.ZIEM}/indicators/recompute`, {})).statusCode,
    ).toBe(404);
    expect(
      (await c['koord.dienvidu'].post(`/api/organisations/${org.ZIEM}/indicators/recompute`, {})).statusCode,
    ).toBe(404);
  });

  it('audits the start of a recomputation and the reading of a job that carries student data', async () => {
    const start = await c['koord.s1'].post(`/api/organisations/${org['ZIEM-S1']}/indicators/recompute`, {});
    expect(start.statusCode, start.body).toBe(202);
    const id = start.json().jobId as string;
    await waitUntilFinished(c['koord.s1'], id);
    const audit = (action: string, entityId: string) =>
      server.database.read((db) =>
        queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from audit_events where action = ${action} and entity_id = ${entityId}`,
        ),
      );
    expect((await audit('indicators.recompute', org['ZIEM-S1']))[0].n).toBeGreaterThan(0);
    // A recomputation's result holds counts only: reading it is not a read of student data.
    expect((await audit('job.view', id))[0].n).toBe(0);
    const sent = await server.app.jobs.send(
      'test.student-data',
      {},
      { orgId: org['ZIEM-S1'], studentData: true },
    );
    expect((await c['koord.s1'].get(`/api/jobs/${sent}`)).statusCode).toBe(200);
    expect((await audit('job.view', sent as string))[0].n).toBe(1);
  });

  it('shows the jobs page in navigation to managers only', async () => {
    expect((await c['koord.s1'].get('/api/me')).json().can.viewJobs).toBe(true);
    expect((await c['skolotajs.s1'].get('/api/me')).json().can.viewJobs).toBe(false);
    expect((await c['skolotajs.s1'].get('/api/jobs')).statusCode).toBe(403);
  });
});
