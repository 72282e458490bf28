import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/server.ts';

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
    expect(wrong.json()).toEqual(unknown.json());
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

  it('blocks the 6th failure for one account within 10 minutes with 429 and Retry-After', async () => {
    const email = 'skolotajs.s1@demo.pumpurs.lv';
    for (let i = 0; i < 5; i++) {
      // Different addresses: the account limit must hold on its own.
      const res = await server.client(`10.2.0.${i}`).login(email, 'wrong-password-xx');
      expect(res.statusCode).toBe(401);
    }
    const sixth = await server.client('10.2.0.9').login(email, 'wrong-password-xx');
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(500);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Even the right password is refused while the account is blocked.
    expect((await server.client('10.2.0.10').login(email)).statusCode).toBe(429);
  });

  it('blocks the 6th failure from one address across different accounts', async () => {
    const c = server.client('10.3.0.1');
    for (let i = 0; i < 5; i++)
      expect((await c.login(`nobody${i}@demo.pumpurs.lv`, 'wrong-password-xx')).statusCode).toBe(401);
    const sixth = await c.login('direktors.s1@demo.pumpurs.lv');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBeDefined();
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

describe('session timeouts', () => {
  it('ends a session idle for longer than the idle timeout', async () => {
    const c = await server.signIn('koord.s1');
    const { sql } = await import('drizzle-orm');
    await server.database.withTx((tx) =>
      tx.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes'`),
    );
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('ends a session past its absolute lifetime even when active', async () => {
    const c = await server.signIn('koord.s1');
    const { sql } = await import('drizzle-orm');
    await server.database.withTx((tx) =>
      tx.execute(sql`update sessions set expires_at = now() - interval '1 second'`),
    );
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});
