import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { advanceClock, nowMs, resetClock, setClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';
import { demoTotpSecret, totpCode } from './totp.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());
afterEach(() => resetClock());

const email = (account: string) => `${account}@demo.pumpurs.lv`;
/** The demo account's current code by the server's clock. */
const codeOf = (account: string) => totpCode(demoTotpSecret(email(account)), nowMs());
/** A wrong code that is surely not the current one. */
const wrongCodeOf = async (account: string) => {
  const right = await codeOf(account);
  return right === '000000' ? '111111' : '000000';
};
const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;
const sampleUrl = (url: string) => url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
let ipCounter = 1;
/** A client signed in with the password only. */
async function passwordOnly(account: string): Promise<{ client: TestClient; secondFactor: unknown }> {
  const client = server.client(`10.61.${ipCounter++}.1`);
  const res = await client.login(email(account));
  expect(res.statusCode).toBe(200);
  return { client, secondFactor: res.json().secondFactor };
}
async function auditCount(action: string, outcome: string): Promise<number> {
  const [row] = await server.database.read((db) =>
    queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action} AND outcome = ${outcome}`,
    ),
  );
  return Number(row?.n ?? 0);
}
/** Freezes the clock at the start of a fresh 30-second step (codes of earlier tests are of older steps). */
function freshStep(): void {
  const ms = nowMs() + 60_000;
  setClock(new Date(ms - (ms % 30_000) + 1_000), { frozen: true });
}

describe('second factor at sign-in', () => {
  it('keeps a pending session out of every route except the second-factor ones, /me (and its language) and sign-out', async () => {
    const { client, secondFactor } = await passwordOnly('admin');
    expect(secondFactor).toBe('required');
    const me = await client.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().secondFactor.pending).toBe('required');
    await client.fetchCsrf();
    const allowed = new Set([
      'GET /api/me',
      'PATCH /api/me',
      'POST /api/auth/logout',
      'GET /api/auth/second-factor',
      'GET /api/auth/second-factor/enrolment',
      'POST /api/auth/second-factor/enrolment',
      'POST /api/auth/second-factor/verify',
    ]);
    let walked = 0;
    for (const r of server.app.routeTable.filter((x) => x.url.startsWith('/api/'))) {
      const key = `${r.method} ${r.url}`;
      if (allowed.has(key) || r.url.startsWith('/api/health') || r.url === '/api/openapi.json') continue;
      // Public routes (sign-in, the password reset link) answer a pending session as anyone else.
      if (
        ['GET /api/auth/csrf', 'POST /api/auth/login'].includes(key) ||
        r.url.startsWith('/api/auth/password-reset') ||
        r.url.includes('/confirm/')
      )
        continue;
      if (r.url.startsWith('/api/calendar-feed/')) continue;
      const res = await client.request(
        r.method as 'GET',
        sampleUrl(r.url),
        r.method === 'GET' ? undefined : {},
      );
      expect(res.statusCode, key).toBe(401);
      expect(errorCode(res), key).toBe('second_factor_required');
      walked++;
    }
    expect(walked).toBeGreaterThan(50);
  });

  it('completes the session with the current code, refuses a wrong one and the same code twice', async () => {
    freshStep();
    const failedBefore = await auditCount('auth.second_factor_verify', 'failed');
    const { client } = await passwordOnly('direktors.s1');
    const wrong = await client.post('/api/auth/second-factor/verify', {
      code: await wrongCodeOf('direktors.s1'),
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe('second_factor_invalid');
    expect(await auditCount('auth.second_factor_verify', 'failed')).toBe(failedBefore + 1);

    const code = await codeOf('direktors.s1');
    const right = await client.post('/api/auth/second-factor/verify', {
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(right.statusCode).toBe(200);
    expect((await client.get('/api/students')).statusCode).toBe(200);
    expect((await client.get('/api/me')).json().secondFactor.pending).toBeNull();

    // The same code on another sign-in (an eavesdropper replaying it) is refused: single use.
    const { client: other } = await passwordOnly('direktors.s1');
    const replay = await other.post('/api/auth/second-factor/verify', { code });
    expect(replay.statusCode).toBe(400);
    expect((await other.get('/api/students')).statusCode).toBe(401);
    // The next step's code works.
    advanceClock(30_000);
    expect(
      (await other.post('/api/auth/second-factor/verify', { code: await codeOf('direktors.s1') })).statusCode,
    ).toBe(200);
  });

  it('refuses further codes after five wrong ones in ten minutes, even the right one, and audits the refusal', async () => {
    freshStep();
    const { client } = await passwordOnly('koord.ziemelu');
    const wrong = await wrongCodeOf('koord.ziemelu');
    for (let i = 0; i < 5; i++)
      expect((await client.post('/api/auth/second-factor/verify', { code: wrong })).statusCode).toBe(400);
    const deniedBefore = await auditCount('auth.second_factor_verify', 'denied');
    const refused = await client.post('/api/auth/second-factor/verify', {
      code: await codeOf('koord.ziemelu'),
    });
    expect(refused.statusCode).toBe(429);
    expect(errorCode(refused)).toBe('second_factor_locked');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await auditCount('auth.second_factor_verify', 'denied')).toBe(deniedBefore + 1);
    advanceClock(10 * 60_000 + 30_000);
    const { client: later } = await passwordOnly('koord.ziemelu');
    expect(
      (await later.post('/api/auth/second-factor/verify', { code: await codeOf('koord.ziemelu') }))
        .statusCode,
    ).toBe(200);
  });

  it('answers bad input with 400 and a message', async () => {
    const { client } = await passwordOnly('admin');
    for (const body of [{}, { code: '' }, { code: 'x'.repeat(40) }, { code: '12345<' }, { code: 123456 }]) {
      const res = await client.post('/api/auth/second-factor/verify', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toBeTruthy();
    }
  });
});

describe('enrolment and recovery codes', () => {
  it('makes a mandatory role without an authenticator enrol, then gives ten single-use recovery codes', async () => {
    freshStep();
    await server.database.withTx((tx) =>
      tx.execute(
        sql`DELETE FROM user_second_factors WHERE user_id = (SELECT id FROM users WHERE email = ${email('koord.s2')})`,
      ),
    );
    const { client, secondFactor } = await passwordOnly('koord.s2');
    expect(secondFactor).toBe('enrol');
    expect((await client.get('/api/students')).statusCode).toBe(401);
    const enrolment = await client.get('/api/auth/second-factor/enrolment');
    expect(enrolment.statusCode).toBe(200);
    const { secret, uri, qrSvg } = enrolment.json();
    expect(uri).toContain('otpauth://totp/');
    expect(qrSvg).toContain('<svg');
    // Showing the page again shows the same secret (the app may already hold it).
    expect((await client.get('/api/auth/second-factor/enrolment')).json().secret).toBe(secret);
    // The secret is stored encrypted, never as typed into the app.
    const stored = await server.database.read((db) =>
      queryRows<{ secret_encrypted: string }>(
        db,
        sql`SELECT secret_encrypted FROM user_second_factors WHERE secret_encrypted LIKE 'v1.%'`,
      ),
    );
    expect(stored.some((r) => r.secret_encrypted.includes(secret))).toBe(false);

    expect(
      (
        await client.post('/api/auth/second-factor/enrolment', {
          code: '000000' === (await totpCode(secret, nowMs())) ? '111111' : '000000',
        })
      ).statusCode,
    ).toBe(400);
    const confirmed = await client.post('/api/auth/second-factor/enrolment', {
      code: await totpCode(secret, nowMs()),
    });
    expect(confirmed.statusCode).toBe(200);
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await client.get('/api/students')).statusCode).toBe(200);
    expect((await client.get('/api/auth/second-factor/enrolment')).statusCode).toBe(409);
    const status = (await client.get('/api/auth/second-factor')).json();
    expect(status).toMatchObject({ enabled: true, mandatory: true, pending: null, recoveryCodesLeft: 10 });

    // A recovery code completes a sign-in once.
    const { client: next } = await passwordOnly('koord.s2');
    expect(await passwordOnly('koord.s2').then((x) => x.secondFactor)).toBe('required');
    expect(
      (await next.post('/api/auth/second-factor/verify', { code: codes[3].toUpperCase() })).statusCode,
    ).toBe(200);
    expect((await next.get('/api/students')).statusCode).toBe(200);
    const { client: again } = await passwordOnly('koord.s2');
    expect((await again.post('/api/auth/second-factor/verify', { code: codes[3] })).statusCode).toBe(400);
    expect((await next.get('/api/auth/second-factor')).json().recoveryCodesLeft).toBe(9);
    expect(await auditCount('auth.recovery_code_used', 'ok')).toBeGreaterThanOrEqual(1);

    // New recovery codes need a current code; the old ones stop working.
    advanceClock(30_000);
    const fresh = await next.post('/api/auth/second-factor/recovery-codes', {
      code: await totpCode(secret, nowMs()),
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().recoveryCodes).toHaveLength(10);
    expect((await again.post('/api/auth/second-factor/verify', { code: codes[5] })).statusCode).toBe(400);
    // A mandatory role cannot turn it off.
    advanceClock(30_000);
    const off = await next.post('/api/auth/second-factor/disable', { code: await totpCode(secret, nowMs()) });
    expect(off.statusCode).toBe(403);
    expect(errorCode(off)).toBe('second_factor_mandatory');
  });

  it('lets an optional role sign in with the password alone, enrol from the account page and turn it off', async () => {
    freshStep();
    const { client, secondFactor } = await passwordOnly('skolotajs.s1');
    expect(secondFactor).toBeNull();
    expect((await client.get('/api/me')).json().secondFactor).toMatchObject({
      pending: null,
      enabled: false,
      mandatory: false,
    });
    const { secret } = (await client.get('/api/auth/second-factor/enrolment')).json();
    expect(
      (await client.post('/api/auth/second-factor/enrolment', { code: await totpCode(secret, nowMs()) }))
        .statusCode,
    ).toBe(200);
    const { client: next, secondFactor: owed } = await passwordOnly('skolotajs.s1');
    expect(owed).toBe('required');
    advanceClock(30_000);
    expect(
      (await next.post('/api/auth/second-factor/verify', { code: await totpCode(secret, nowMs()) }))
        .statusCode,
    ).toBe(200);
    advanceClock(30_000);
    expect(
      (await next.post('/api/auth/second-factor/disable', { code: await totpCode(secret, nowMs()) }))
        .statusCode,
    ).toBe(200);
    expect((await passwordOnly('skolotajs.s1')).secondFactor).toBeNull();
  });
});

describe('step-up', () => {
  it('asks for the code again before revealing a personal code, and again after ten minutes', async () => {
    freshStep();
    const client = await server.signIn('koord.s1', { stepUp: false });
    const list = (await client.get('/api/students?limit=1')).json();
    const id = (list.items ?? list.rows ?? list)[0].id as string;
    const refused = await client.post(`/api/students/${id}/reveal-code`);
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('step_up_required');
    expect(refused.json().error.message).toBeTruthy();

    expect((await client.post('/api/auth/step-up', { code: await wrongCodeOf('koord.s1') })).statusCode).toBe(
      400,
    );
    const up = await client.post('/api/auth/step-up', { code: await codeOf('koord.s1') });
    expect(up.statusCode).toBe(200);
    expect((await client.post(`/api/students/${id}/reveal-code`)).statusCode).toBe(200);
    expect(await auditCount('auth.step_up', 'ok')).toBeGreaterThanOrEqual(1);

    advanceClock(9 * 60_000);
    expect((await client.post(`/api/students/${id}/reveal-code`)).statusCode).toBe(200);
    advanceClock(60_000 + 1_000);
    expect((await client.post(`/api/students/${id}/reveal-code`)).statusCode).toBe(403);
  });

  it('asks before bulk exports and grant changes', async () => {
    const client = await server.signIn('admin', { stepUp: false });
    for (const url of [
      '/api/reports/export.csv',
      '/api/watch-list.xlsx',
      '/api/timesheets.xlsx?month=2026-01',
    ]) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(errorCode(res), url).toBe('step_up_required');
    }
    const users = (await client.get('/api/users?limit=1')).json();
    const userId = (users.items ?? users.rows ?? users)[0].id as string;
    const grant = await client.post(`/api/users/${userId}/grants`, {
      role: 'teacher',
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(grant.statusCode).toBe(403);
    expect(errorCode(grant)).toBe('step_up_required');
  });

  it('takes the password from a user without a second factor', async () => {
    const client = await server.signIn('skolotajs.s1', { stepUp: false });
    expect((await client.post('/api/auth/step-up', { password: 'not-the-password-1' })).statusCode).toBe(400);
    const up = await client.post('/api/auth/step-up', { password: 'Pumpurs-demo-1' });
    expect(up.statusCode).toBe(200);
    expect(new Date(up.json().stepUpUntil).getTime()).toBeGreaterThan(nowMs());
  });
});
