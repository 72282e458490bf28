import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { ensureWebBuilt } from '../../server/platform/web-build.ts';
import { createTestDatabase, type TestDatabase } from '../database.ts';
import {
  type Balancer,
  freePort,
  HttpClient,
  type Instance,
  startInstance,
  startRoundRobinBalancer,
  waitUntilReady,
} from './cluster.ts';
import { passSecondFactorHttp } from '../../scripts/second-factor-http.mjs';

/**
 * Two app processes on different ports against one fresh PostgreSQL database (a copy of the demo),
 * behind a round-robin proxy written here: consecutive requests go to alternate instances, so a
 * session, a CSRF token, a rate limit or a job that lived in one process's memory would fail.
 */
const METRICS_TOKEN = 'two-instances-metrics-token-0123456789';
let database: TestDatabase;
let instances: Instance[] = [];
let proxy: Balancer;
const email = (local: string) => `${local}@demo.pumpurs.lv`;

beforeAll(async () => {
  // Built once here: two processes building the client at once would write over each other.
  await ensureWebBuilt();
  database = await createTestDatabase();
  const ports = [await freePort(), await freePort()];
  const env = {
    ...database.env,
    PUMPURS_DEMO: 'off',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: '1',
    METRICS_TOKEN,
    DB_POOL_SIZE: '3',
  };
  instances = ports.map((port) => startInstance(port, env));
  await Promise.all(instances.map((instance) => waitUntilReady(instance)));
  proxy = await startRoundRobinBalancer(ports);
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all(instances.map((instance) => instance.stop()));
  await database?.drop();
});

describe('two instances behind a round-robin proxy', () => {
  it('are each ready on the one database and show their metrics with the token', async () => {
    for (const instance of instances) {
      const base = `http://127.0.0.1:${instance.port}`;
      const ready = await fetch(`${base}/api/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', database: 'postgres' });
      const metrics = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/pumpurs_db_pool_connections\{state="max"\} 3/);
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
    }
  });

  it('keep a session signed in on one instance and take its CSRF token and a write on the other', async () => {
    const client = new HttpClient(proxy.url);
    const csrf = await client.fetchCsrf();
    const login = await client.request('POST', '/api/auth/login', {
      email: email('koord.s1'),
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    // The token came from one instance and was accepted by the other.
    expect(login.upstream).not.toBe(csrf.upstream);

    const me = await client.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.upstream).not.toBe(login.upstream);
    expect((me.json() as { email: string }).email).toBe(email('koord.s1'));

    const write = await client.request('PATCH', '/api/me', { language: 'en' });
    expect(write.status).toBe(200);
    const after = await client.request('GET', '/api/me');
    expect(after.upstream).not.toBe(write.upstream);
    expect((after.json() as { language: string }).language).toBe('en');

    // A write without the token is refused on either instance.
    const token = client.csrf;
    client.csrf = null;
    const refused = await client.request('PATCH', '/api/me', { language: 'lv' });
    expect(refused.status).toBe(403);
    client.csrf = token;

    const logout = await client.request('POST', '/api/auth/logout', {});
    expect(logout.status).toBe(200);
    const gone = await client.request('GET', '/api/me');
    expect(gone.upstream).not.toBe(logout.upstream);
    expect(gone.status).toBe(401);
  });

  it('count failed sign-ins across both instances: the sixth try is refused whichever answers it', async () => {
    const client = new HttpClient(proxy.url);
    await client.fetchCsrf();
    const upstreams = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      const res = await client.request('POST', '/api/auth/login', {
        email: email('koord.dienvidu'),
        password: 'not the right password at all',
      });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
      upstreams.add(res.upstream);
    }
    // Neither instance saw five failures by itself.
    expect(upstreams.size).toBe(2);
    const sixth = await client.request('POST', '/api/auth/login', {
      email: email('koord.dienvidu'),
      password: DEMO_PASSWORD,
    });
    expect(sixth.status).toBe(429);
    expect((sixth.json() as { error: { code: string } }).error.code).toBe('too_many_attempts');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  // Needs the pg-boss runner started in server/main.ts and the recompute route (the jobs work, issue 13).
  it('run a job sent to both instances with one singleton key once', async () => {
    const client = new HttpClient(proxy.url);
    await client.fetchCsrf();
    const login = await client.request('POST', '/api/auth/login', {
      email: email('koord.ziemelu'),
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    // A municipal coordinator's second factor (issue 16): the demo's published code, over the proxy.
    await passSecondFactorHttp(
      proxy.url,
      { cookie: client.cookieHeader(), 'x-csrf-token': client.csrf ?? '' },
      email('koord.ziemelu'),
      (login.json() as { secondFactor?: string | null }).secondFactor ?? null,
    );
    const me = (await client.request('GET', '/api/me')).json() as {
      grants: { organisationId: string }[];
    };
    const orgId = me.grants[0].organisationId;
    const url = `/api/organisations/${orgId}/indicators/recompute`;
    // Sent at once: one request to each instance.
    const sent = await Promise.all([client.request('POST', url, {}), client.request('POST', url, {})]);
    expect(new Set(sent.map((r) => r.upstream)).size).toBe(2);
    const started = sent.filter((r) => r.status === 202);
    expect(started.length, `answers: ${sent.map((r) => r.status).join(', ')}`).toBeGreaterThanOrEqual(1);
    const ids = new Set(started.map((r) => (r.json() as { jobId: string }).jobId));
    expect(ids.size).toBe(1);
    const [jobId] = [...ids];

    let state = 'queued';
    for (let i = 0; i < 240 && (state === 'queued' || state === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = ((await client.request('GET', `/api/jobs/${jobId}`)).json() as { state: string }).state;
    }
    expect(state).toBe('done');
    const list = (await client.request('GET', '/api/jobs?limit=100')).json() as {
      items: { id: string; name: string; orgId: string | null }[];
    };
    const recomputes = list.items.filter((j) => j.name === 'indicators.recompute' && j.orgId === orgId);
    expect(recomputes.map((j) => j.id)).toEqual([jobId]);
  });
});
