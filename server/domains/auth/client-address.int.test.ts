import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/server.ts';
import { DEMO_PASSWORD } from '../../demo/accounts.ts';
import { advanceClock, resetClock, setClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';

const EMAIL = 'koord.s1@demo.pumpurs.lv';

/** Starts a test server with TRUST_PROXY set as an operator would set it. */
async function serverWithTrustProxy(value: string): Promise<TestServer> {
  const before = process.env.TRUST_PROXY;
  process.env.TRUST_PROXY = value;
  try {
    return await createTestServer();
  } finally {
    if (before === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = before;
  }
}

/** Signs in straight through `inject`, as a proxy (or a client) at `remoteAddress` would send it. */
async function loginFrom(
  app: FastifyInstance,
  remoteAddress: string,
  forwardedFor?: string,
  password = DEMO_PASSWORD,
  email = EMAIL,
) {
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const csrf = await app.inject({ method: 'GET', url: '/api/auth/csrf', remoteAddress, headers });
  const token = csrf.json().token as string;
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers: { ...headers, 'x-csrf-token': token },
    cookies: { pumpurs_csrf: token },
    payload: { email, password },
  });
}

/** The address the audit log recorded for the latest sign-in. */
async function lastLoginIp(server: TestServer): Promise<string> {
  const rows = await server.database.read((db) =>
    queryRows<{ ip: string }>(
      db,
      sql`select host(ip) as ip from audit_events where action = 'auth.login' order by id desc limit 1`,
    ),
  );
  return rows[0]?.ip ?? '';
}

describe('TRUST_PROXY=1 (exactly one proxy hop)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWithTrustProxy('1');
  });
  afterAll(() => server.close());

  it('records the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    const res = await loginFrom(server.app, '10.60.0.1', '6.6.6.6, 198.51.100.7');
    expect(res.statusCode).toBe(200);
    expect(await lastLoginIp(server)).toBe('198.51.100.7');
  });

  it('does not let a client escape the per-address limit by rotating X-Forwarded-For', async () => {
    setClock(new Date('2027-04-01T08:00:00Z'), { frozen: true });
    try {
      const email = 'koord.s2@demo.pumpurs.lv';
      for (let i = 0; i < 5; i++)
        expect(
          (await loginFrom(server.app, '10.60.0.1', `6.6.6.${i}, 198.51.100.8`, 'wrong-pass-xx', email))
            .statusCode,
        ).toBe(401);
      advanceClock(2000);
      // Past the account's short backoff: the same real client is still refused, another one is not.
      expect(
        (await loginFrom(server.app, '10.60.0.1', '7.7.7.7, 198.51.100.8', DEMO_PASSWORD, email)).statusCode,
      ).toBe(429);
      expect(
        (await loginFrom(server.app, '10.60.0.1', '198.51.100.99', DEMO_PASSWORD, email)).statusCode,
      ).toBe(200);
    } finally {
      resetClock();
    }
  });
});

describe('TRUST_PROXY as a list of proxy addresses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWithTrustProxy('10.61.0.0/16, 192.0.2.10');
  });
  afterAll(() => server.close());

  it('takes the client from X-Forwarded-For when the request comes from a listed proxy', async () => {
    expect((await loginFrom(server.app, '10.61.3.4', '6.6.6.6, 198.51.100.9')).statusCode).toBe(200);
    expect(await lastLoginIp(server)).toBe('198.51.100.9');
    expect((await loginFrom(server.app, '192.0.2.10', '198.51.100.10')).statusCode).toBe(200);
    expect(await lastLoginIp(server)).toBe('198.51.100.10');
  });

  it('ignores X-Forwarded-For from a client that is not a listed proxy', async () => {
    expect((await loginFrom(server.app, '203.0.113.5', '6.6.6.6')).statusCode).toBe(200);
    expect(await lastLoginIp(server)).toBe('203.0.113.5');
  });
});

describe('TRUST_PROXY off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWithTrustProxy('');
  });
  afterAll(() => server.close());

  it('records the socket address whatever X-Forwarded-For says', async () => {
    expect((await loginFrom(server.app, '10.62.0.1', '6.6.6.6')).statusCode).toBe(200);
    expect(await lastLoginIp(server)).toBe('10.62.0.1');
  });
});
