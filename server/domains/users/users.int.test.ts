import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
let admin: TestClient;
let koordS1: TestClient;
let koordZiemelu: TestClient;

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  koordZiemelu = await server.signIn('koord.ziemelu');
});
afterAll(() => server.close());

async function userId(email: string): Promise<string> {
  const res = await admin.get(`/api/users?q=${encodeURIComponent(email)}`);
  return res.json().items[0].id;
}
async function orgId(code: string): Promise<string> {
  const res = await admin.get('/api/organisations');
  return res.json().items.find((o: { code: string }) => o.code === code).id;
}

describe('users in scope', () => {
  it('lists only the staff of the coordinator’s own school', async () => {
    const res = await koordS1.get('/api/users?pageSize=200');
    expect(res.statusCode).toBe(200);
    const emails: string[] = res.json().items.map((u: { email: string }) => u.email);
    expect(emails).toContain('skolotajs.s1@demo.pumpurs.lv');
    expect(emails).toContain('direktors.s1@demo.pumpurs.lv');
    expect(emails.some((e) => e.endsWith('.s2@demo.pumpurs.lv'))).toBe(false);
    expect(emails).not.toContain('koord.ziemelu@demo.pumpurs.lv');
    expect(res.json().total).toBe(emails.length);
  });

  it('answers 404 to a school 1 coordinator asking for a user of school 2, and audits the denial', async () => {
    const id = await userId('koord.s2@demo.pumpurs.lv');
    const res = await koordS1.get(`/api/users/${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    const audit = await admin.get(`/api/audit?outcome=denied&entityType=user&entityId=${id}`);
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({
      action: 'user.access',
      actorEmail: 'koord.s1@demo.pumpurs.lv',
      outcome: 'denied',
    });
  });

  it('lets the municipal coordinator see users of every school of the municipality, not of the other one', async () => {
    const s2 = await userId('koord.s2@demo.pumpurs.lv');
    const s5 = await userId('koord.s5@demo.pumpurs.lv');
    expect((await koordZiemelu.get(`/api/users/${s2}`)).statusCode).toBe(200);
    expect((await koordZiemelu.get(`/api/users/${s5}`)).statusCode).toBe(404);
  });

  it('audits each read of a user record', async () => {
    const id = await userId('skolotajs.s1@demo.pumpurs.lv');
    await koordS1.get(`/api/users/${id}`);
    const audit = await admin.get(`/api/audit?action=user.read&entityId=${id}`);
    expect(
      audit.json().items.some((e: { actorEmail: string }) => e.actorEmail === 'koord.s1@demo.pumpurs.lv'),
    ).toBe(true);
  });

  it('creates a teacher in the own school, grants a role and the new account can sign in', async () => {
    const s1 = await orgId('ZIEM-S1');
    const created = await koordS1.post('/api/users', {
      email: 'jauns.skolotajs@demo.pumpurs.lv',
      firstName: 'Pēteris',
      lastName: 'Jaunais',
      homeOrganisationId: s1,
      password: 'Jauna-parole-2026',
    });
    expect(created.statusCode).toBe(201);
    const granted = await koordS1.post(`/api/users/${created.json().id}/grants`, {
      role: 'teacher',
      organisationId: s1,
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().roles).toEqual(['teacher']);
    const login = await server
      .client('10.5.0.1')
      .login('jauns.skolotajs@demo.pumpurs.lv', 'Jauna-parole-2026');
    expect(login.statusCode).toBe(200);
  });

  it('refuses a duplicate email with 409 naming the field', async () => {
    const res = await koordS1.post('/api/users', {
      email: 'SKOLOTAJS.s1@demo.pumpurs.lv',
      firstName: 'A',
      lastName: 'B',
      homeOrganisationId: await orgId('ZIEM-S1'),
      password: 'Jauna-parole-2026',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].path).toBe('email');
  });

  it('refuses a password shorter than 12 characters', async () => {
    const res = await koordS1.post('/api/users', {
      email: 'isa.parole@demo.pumpurs.lv',
      firstName: 'A',
      lastName: 'B',
      homeOrganisationId: await orgId('ZIEM-S1'),
      password: 'short-pass1',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('password');
  });

  it('does not let a school coordinator create users in another school (404) or grant a director role (403)', async () => {
    const s2 = await orgId('ZIEM-S2');
    const res = await koordS1.post('/api/users', {
      email: 'x1@demo.pumpurs.lv',
      firstName: 'A',
      lastName: 'B',
      homeOrganisationId: s2,
      password: 'Jauna-parole-2026',
    });
    expect(res.statusCode).toBe(404);
    const teacher = await userId('skolotajs2.s1@demo.pumpurs.lv');
    const grant = await koordS1.post(`/api/users/${teacher}/grants`, {
      role: 'school_director',
      organisationId: await orgId('ZIEM-S1'),
    });
    expect(grant.statusCode).toBe(403);
  });

  it('does not let a school coordinator reset the director’s password', async () => {
    const director = await userId('direktors.s1@demo.pumpurs.lv');
    const res = await koordS1.patch(`/api/users/${director}`, { password: 'Cita-parole-2026-x' });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a role on the wrong kind of organisation', async () => {
    const teacher = await userId('skolotajs2.s1@demo.pumpurs.lv');
    const res = await admin.post(`/api/users/${teacher}/grants`, {
      role: 'teacher',
      organisationId: await orgId('ZIEM'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('role_org_mismatch');
  });

  it('deactivating a user ends the user’s sessions at once', async () => {
    const victim = await server.signIn('skolotajs3.s1');
    expect((await victim.get('/api/me')).statusCode).toBe(200);
    const id = await userId('skolotajs3.s1@demo.pumpurs.lv');
    expect((await koordS1.patch(`/api/users/${id}`, { active: false })).statusCode).toBe(200);
    expect((await victim.get('/api/me')).statusCode).toBe(401);
    expect((await server.client('10.6.0.1').login('skolotajs3.s1@demo.pumpurs.lv')).statusCode).toBe(401);
  });

  it('gives a teacher, partner and auditor no user list', async () => {
    for (const who of ['skolotajs.s1', 'socdienests.ziemelu', 'auditors']) {
      const c = await server.signIn(who);
      const res = await c.get('/api/users');
      expect(res.json().items, who).toEqual([]);
    }
  });
});
