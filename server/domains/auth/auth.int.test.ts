import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerBody, createTestServer, type TestServer } from '../../../test/server.ts';
import { advanceClock, resetClock, setClock } from '../../platform/clock.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('sign-in', () => {
  it('answers health without a session and names the database', async () => {
    const res = await server.client().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: server.database.kind });
  });

  it('signs in with the demo password and returns the user with grants', async () => {
    const c = server.client('10.1.0.1');
    const res = await c.login('koord.s1@demo.pumpurs.lv');
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((x) => x.name === 'pumpurs_sid');
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.sameSite).toBe('Lax');
    expect(sid?.secure).toBeFalsy();
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe('koord.s1@demo.pumpurs.lv');
    expect(
      me
        .json()
        .grants.map((g: { role: string }) => g.role)
        .sort(),
    ).toEqual(['plan_preparer', 'school_coordinator']);
    expect(me.json().permissions).toEqual({
      manageOrganisations: false,
      manageUsers: true,
      viewAudit: true,
      viewStudents: true,
      manageStudents: true,
    });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const c = server.client('10.1.0.2');
    const wrong = await c.login('koord.s1@demo.pumpurs.lv', 'not-the-password-1');
    const unknown = await c.login('nobody@demo.pumpurs.lv', 'not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(answerBody(wrong)).toEqual(answerBody(unknown));
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(wrong.json().error.message).toBe('Nepareizs e-pasts vai parole.');
  });

  it('answers in English when the browser asks for it', async () => {
    const c = server.client('10.1.0.3');
    await c.fetchCsrf();
    const res = await c.request(
      'POST',
      '/api/auth/login',
      { email: 'x@y.lv', password: 'wrong-password-1' },
      { headers: { 'accept-language': 'en-GB,en;q=0.9' } },
    );
    expect(res.json().error.message).toBe('Wrong email or password.');
  });

  it('refuses login without the CSRF header with 403', async () => {
    const c = server.client('10.1.0.4');
    await c.fetchCsrf();
    const res = await c.post(
      '/api/auth/login',
      { email: 'koord.s1@demo.pumpurs.lv', password: 'Pumpurs-demo-1' },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
  });

  it('refuses a CSRF header that does not match the cookie', async () => {
    const c = await server.signIn('koord.s1');
    const res = await c.request(
      'PATCH',
      '/api/me',
      { language: 'en' },
      { csrf: false, headers: { 'x-csrf-token': 'forged-token-forged-token-forged-token' } },
    );
    expect(res.statusCode).toBe(403);
  });

  it('rejects a malformed login body with 400 and field details', async () => {
    const c = server.client('10.1.0.5');
    const res = await c.post('/api/auth/login', { email: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('password');
  });

  it('logout invalidates the session on the server, not only the cookie', async () => {
    const c = await server.signIn('direktors.s1');
    const stolen = c.cookies.pumpurs_sid;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const thief = server.client('10.4.0.1');
    thief.cookies.pumpurs_sid = stolen;
    expect((await thief.get('/api/me')).statusCode).toBe(401);
  });

  it('remembers the language per user and answers errors in it', async () => {
    const c = await server.signIn('koord.s2');
    const res = await c.patch('/api/me', { language: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().language).toBe('en');
    const again = await server.signIn('koord.s2');
    expect((await again.get('/api/me')).json().language).toBe('en');
    const missing = await again.get('/api/users/00000000-0000-4000-8000-000000000000');
    expect(missing.json().error.message).toBe('Record not found.');
    await again.patch('/api/me', { language: 'lv' });
  });

  it('sends security headers and no-store on API answers', async () => {
    const res = await server.client().get('/api/health');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe('session timeouts (measured on the system clock)', () => {
  afterEach(() => resetClock());

  it('ends a session idle for longer than the idle timeout', async () => {
    setClock(new Date('2027-03-01T08:00:00Z'), { frozen: true });
    const c = await server.signIn('koord.s1');
    advanceClock(29 * 60_000);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    advanceClock(31 * 60_000);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('ends a session past its absolute lifetime even when active', async () => {
    setClock(new Date('2027-03-02T08:00:00Z'), { frozen: true });
    const c = await server.signIn('koord.s1');
    // Active every 25 minutes (inside the 30-minute idle timeout) for just under 12 hours.
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      advanceClock(25 * 60_000);
      expect((await c.get('/api/me')).statusCode).toBe(200);
    }
    advanceClock(25 * 60_000);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});
