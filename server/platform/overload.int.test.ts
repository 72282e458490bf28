import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../test/server.ts';
import { loadConfig, type OpsConfig } from './config.ts';
import type { Database } from './db.ts';

const TOKEN = 'metrics-token-for-the-overload-test-0123456789';
let server: TestServer;
let ops: OpsConfig;
let defaults: OpsConfig;
let coordinator: TestClient;

beforeAll(async () => {
  defaults = { ...loadConfig().ops, metricsToken: TOKEN };
  server = await createTestServer({ ops: { ...defaults } });
  // The guard reads its limits on every request: each test sets the ones it needs on the app's config.
  ops = server.app.config.ops;
  coordinator = await server.signIn('koord.s1');
});
afterEach(() => {
  Object.assign(ops, defaults);
});
afterAll(() => server.close());

/** Waits (polling, no time limit of its own) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * Occupies every connection of the database (PGlite's one, each of the PostgreSQL pool's) with a
 * transaction that waits; answers the function that lets them finish.
 */
async function occupyDatabase(database: Database): Promise<() => Promise<void>> {
  const max = database.poolStats?.().max ?? 1;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let holding = 0;
  const holders = Array.from({ length: max }, () =>
    database.withTx(async () => {
      holding += 1;
      await gate;
    }),
  );
  await until(() => holding === max);
  return async () => {
    open();
    await Promise.all(holders);
  };
}

const waiting = () => server.database.poolStats?.().waiting ?? 0;

describe('health', () => {
  it('answers liveness without a session and readiness naming the database', async () => {
    const anonymous = server.client('10.7.0.1');
    const live = await anonymous.get('/api/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await anonymous.get('/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: server.database.kind });
  });

  it('answers readiness 503 while the database does not answer, and liveness 200 all along', async () => {
    const release = await occupyDatabase(server.database);
    const anonymous = server.client('10.7.0.2');
    try {
      const live = await anonymous.get('/api/health/live');
      expect(live.statusCode).toBe(200);
      const ready = await anonymous.get('/api/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', database: server.database.kind });
    } finally {
      await release();
    }
    expect((await anonymous.get('/api/health/ready')).statusCode).toBe(200);
  });
});

describe('load shedding', () => {
  it('answers 503 overloaded with Retry-After at once when too many requests are in flight, then serves again', async () => {
    ops.maxInFlight = 2;
    const release = await occupyDatabase(server.database);
    let first: Awaited<ReturnType<TestClient['get']>>[] = [];
    try {
      const pending = [coordinator.get('/api/me'), coordinator.get('/api/me')];
      await until(() => server.app.overload.inFlight === 2 && waiting() >= 2);
      const refused = await coordinator.get('/api/me');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json().error.code).toBe('overloaded');
      // Health is never shed (asked without a session, as a load balancer does).
      expect((await server.client('10.7.0.3').get('/api/health/live')).statusCode).toBe(200);
      await release();
      first = await Promise.all(pending);
    } finally {
      await release();
    }
    expect(first.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(server.app.overload.inFlight).toBe(0);
    expect((await coordinator.get('/api/me')).statusCode).toBe(200);
  });

  it("answers 503 overloaded in the caller's language when too many queries wait for a connection", async () => {
    ops.maxInFlight = 0;
    ops.maxDbWaiting = 2;
    const release = await occupyDatabase(server.database);
    try {
      const pending = [coordinator.get('/api/me'), coordinator.get('/api/me')];
      await until(() => waiting() >= 2);
      const refused = await coordinator.get('/api/me', { 'accept-language': 'en' });
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error).toMatchObject({
        code: 'overloaded',
        message: 'The server is busy. Please try again in a moment.',
      });
      await release();
      expect((await Promise.all(pending)).map((r) => r.statusCode)).toEqual([200, 200]);
    } finally {
      await release();
    }
  });

  it('answers 503 request_timeout to a request not answered within REQUEST_TIMEOUT_MS', async () => {
    ops.requestTimeoutMs = 200;
    const release = await occupyDatabase(server.database);
    try {
      const res = await coordinator.get('/api/me');
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json().error.code).toBe('request_timeout');
    } finally {
      await release();
    }
    expect(server.app.overload.timedOut).toBeGreaterThanOrEqual(1);
    expect((await coordinator.get('/api/me')).statusCode).toBe(200);
  });
});

describe('metrics', () => {
  const scrape = (authorization?: string) =>
    server.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('answers 404 without the token or with a wrong one', async () => {
    for (const auth of [undefined, 'Bearer wrong-token-wrong-token-wrong', `Basic ${TOKEN}`]) {
      const res = await scrape(auth);
      expect(res.statusCode, String(auth)).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('shows request latency per route pattern, the pool and the shed requests with the token', async () => {
    await coordinator.get('/api/me');
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(
      /pumpurs_http_request_duration_seconds_bucket\{le="0\.15",method="GET",route="\/api\/me",status="200"\} \d+/,
    );
    expect(text).toMatch(/pumpurs_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/pumpurs_db_pool_connections\{state="waiting"\} 0/);
    expect(text).toMatch(/pumpurs_http_requests_in_flight \d+/);
    expect(text).toMatch(/pumpurs_http_requests_shed_total\{reason="in_flight"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
    // Route patterns, never ids or query strings.
    expect(text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});

describe('metrics off', () => {
  it('answers 404 at /metrics when METRICS_TOKEN is not set', async () => {
    const off = await createTestServer({ ops: { ...loadConfig().ops, metricsToken: null } });
    try {
      const res = await off.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer x' },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
