import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';
import { cleanUserAgent } from '../../platform/sessions/index.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const AGENT = 'Mozilla/5.0 (X11; Linux x86_64)\u0000\u202eevil Chrome/140';

async function signInWithAgent(account: string, ip: string, agent = AGENT) {
  const c = server.client(ip);
  await c.fetchCsrf();
  const res = await c.request(
    'POST',
    '/api/auth/login',
    { email: `${account}@demo.pumpurs.lv`, password: 'Pumpurs-demo-1' },
    { headers: { 'user-agent': agent } },
  );
  expect(res.statusCode, res.body).toBe(200);
  // Mandatory roles owe a second factor: completed in the database (the second-factor tests type codes).
  await c.passSecondFactor({ stepUp: false });
  return c;
}

async function auditRows(action: string) {
  return server.database.read((db) =>
    queryRows<{ entity_id: string | null; outcome: string }>(
      db,
      sql`SELECT entity_id, outcome FROM audit_events WHERE action = ${action}`,
    ),
  );
}

describe('sessions list', () => {
  it('lists only the user’s own live sessions with address, cleaned agent and the current one marked', async () => {
    const a = await signInWithAgent('skolotajs.s1', '10.81.0.1');
    await signInWithAgent('skolotajs.s1', '10.81.0.2', 'Firefox/150');
    await signInWithAgent('direktors.s1', '10.81.0.3');
    const res = await a.get('/api/auth/sessions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; ip: string; userAgent: string; current: boolean }[];
    expect(items).toHaveLength(2);
    expect(items.filter((i) => i.current)).toHaveLength(1);
    const mine = items.find((i) => i.current);
    expect(mine?.ip).toBe('10.81.0.1');
    expect(mine?.userAgent).toBe('Mozilla/5.0 (X11; Linux x86_64) evil Chrome/140');
    expect(items.map((i) => i.ip).sort()).toEqual(['10.81.0.1', '10.81.0.2']);
    // Public ids only: never the token's hash (the primary key).
    const hashes = await server.database.read((db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM sessions`),
    );
    for (const h of hashes) expect(res.body).not.toContain(h.id);
    expect((await auditRows('session.list')).length).toBeGreaterThanOrEqual(1);
  });

  it('answers 404 for another user’s session id, and audits the denial', async () => {
    const owner = await signInWithAgent('koord.s2', '10.82.0.1');
    const theirs = (await owner.get('/api/auth/sessions')).json().items[0].id as string;
    const intruder = await signInWithAgent('koord.s1', '10.82.0.2');
    const res = await intruder.delete(`/api/auth/sessions/${theirs}`);
    expect(res.statusCode).toBe(404);
    expect((await owner.get('/api/me')).statusCode).toBe(200);
    expect(
      (await auditRows('session.access')).some((r) => r.entity_id === theirs && r.outcome === 'denied'),
    ).toBe(true);
    expect((await intruder.delete('/api/auth/sessions/not-a-uuid')).statusCode).toBe(400);
  });

  it('ends one own session: the other client is signed out, this one is not', async () => {
    const here = await signInWithAgent('koord.ziemelu', '10.83.0.1');
    const there = await signInWithAgent('koord.ziemelu', '10.83.0.2');
    const other = (await here.get('/api/auth/sessions'))
      .json()
      .items.find((i: { current: boolean }) => !i.current);
    const res = await here.delete(`/api/auth/sessions/${other.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 1, signedOut: false });
    expect((await there.get('/api/me')).statusCode).toBe(401);
    expect((await here.get('/api/me')).statusCode).toBe(200);
    expect((await auditRows('session.end')).map((r) => r.entity_id)).toContain(other.id);
    // A second click on the same row: it is gone.
    expect((await here.delete(`/api/auth/sessions/${other.id}`)).statusCode).toBe(404);
  });

  it('signs out everywhere else, keeping this session', async () => {
    const here = await signInWithAgent('koord.dienvidu', '10.84.0.1');
    const there = await signInWithAgent('koord.dienvidu', '10.84.0.2');
    const third = await signInWithAgent('koord.dienvidu', '10.84.0.3');
    const res = await here.post('/api/auth/sessions/sign-out-everywhere', { scope: 'others' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2, signedOut: false });
    expect((await there.get('/api/me')).statusCode).toBe(401);
    expect((await third.get('/api/me')).statusCode).toBe(401);
    expect((await here.get('/api/me')).statusCode).toBe(200);
    expect((await auditRows('session.end_others')).length).toBeGreaterThanOrEqual(1);
  });

  it('signs out everywhere including this session', async () => {
    const here = await signInWithAgent('eksperts', '10.85.0.1');
    const there = await signInWithAgent('eksperts', '10.85.0.2');
    const res = await here.post('/api/auth/sessions/sign-out-everywhere', { scope: 'all' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2, signedOut: true });
    expect((await here.get('/api/me')).statusCode).toBe(401);
    expect((await there.get('/api/me')).statusCode).toBe(401);
    expect((await auditRows('session.end_all')).length).toBeGreaterThanOrEqual(1);
    expect((await here.post('/api/auth/sessions/sign-out-everywhere', { scope: 'every' })).statusCode).toBe(
      401,
    );
  });

  it('a national admin deactivating a user ends all of that user’s sessions', async () => {
    const victim = await signInWithAgent('auditors', '10.86.0.1');
    const admin = await server.signIn('admin');
    const id = (await admin.get('/api/users?q=auditors@demo.pumpurs.lv')).json().items[0].id;
    expect((await admin.patch(`/api/users/${id}`, { active: false })).statusCode).toBe(200);
    expect((await victim.get('/api/me')).statusCode).toBe(401);
    const [row] = await server.database.read((db) =>
      queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${id}`),
    );
    expect(Number(row?.n)).toBe(0);
  });

  it('refuses a bad scope with a 400 naming the field', async () => {
    const c = await signInWithAgent('skolotajs.s1', '10.87.0.1');
    const res = await c.post('/api/auth/sessions/sign-out-everywhere', { scope: 'every' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('scope');
  });
});

describe('cleanUserAgent', () => {
  it('strips controls and direction overrides, collapses spaces, cuts at 200 characters, keeps pairs whole', () => {
    expect(cleanUserAgent(null)).toBeNull();
    expect(cleanUserAgent(' \u0000\t ')).toBeNull();
    expect(cleanUserAgent('a\r\nb\u202ec')).toBe('a b c');
    const long = `${'x'.repeat(199)}😀tail`;
    expect(cleanUserAgent(long)).toBe(`${'x'.repeat(199)}😀`);
    expect(cleanUserAgent('bad\ud800end')).toBe('badend');
  });
});
