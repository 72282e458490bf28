import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
let admin: TestClient;
let koordZiemelu: TestClient;
let orgs: { id: string; code: string | null; type: string; name: string; parentId: string | null }[];

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  koordZiemelu = await server.signIn('koord.ziemelu');
  orgs = (await admin.get('/api/organisations')).json().items;
});
afterAll(() => server.close());

const byCode = (code: string) => orgs.find((o) => o.code === code)!;

describe('organisation tree', () => {
  it('shows the admin the whole demo tree: nation, 2 municipalities, 9 schools, 4 partners', () => {
    const count = (t: string) => orgs.filter((o) => o.type === t).length;
    expect([count('nation'), count('municipality'), count('school'), count('partner')]).toEqual([1, 2, 9, 4]);
    expect(byCode('VPII-S9').parentId).toBe(byCode('LV').id);
  });

  it('shows a municipal coordinator only its municipality', async () => {
    const items = (await koordZiemelu.get('/api/organisations')).json().items as { code: string }[];
    expect(items.map((o) => o.code)).toContain('ZIEM-S4');
    expect(items.map((o) => o.code)).not.toContain('DIEN-S5');
    expect(items.map((o) => o.code)).not.toContain('LV');
  });

  it('answers 404 for an organisation of another municipality', async () => {
    expect((await koordZiemelu.get(`/api/organisations/${byCode('DIEN-S5').id}`)).statusCode).toBe(404);
  });

  it('lets a municipal coordinator add a school to its municipality but not a municipality', async () => {
    const school = await koordZiemelu.post('/api/organisations', {
      parentId: byCode('ZIEM').id,
      type: 'school',
      schoolType: 'general',
      name: 'Ziemeļu novada Bērzu pamatskola',
      code: 'ZIEM-S10',
    });
    expect(school.statusCode).toBe(201);
    const mun = await koordZiemelu.post('/api/organisations', {
      parentId: byCode('LV').id,
      type: 'municipality',
      name: 'Rietumu novads',
    });
    expect(mun.statusCode).toBe(404);
  });

  it('refuses a general school directly under the nation and a state vocational school under a municipality', async () => {
    const a = await admin.post('/api/organisations', {
      parentId: byCode('LV').id,
      type: 'school',
      schoolType: 'general',
      name: 'Nepareiza skola',
    });
    expect(a.statusCode).toBe(400);
    expect(a.json().error.code).toBe('invalid_parent');
    const b = await admin.post('/api/organisations', {
      parentId: byCode('ZIEM').id,
      type: 'school',
      schoolType: 'state_vocational',
      name: 'Nepareizs tehnikums',
    });
    expect(b.statusCode).toBe(400);
  });

  it('refuses a school without a school type and a duplicate code', async () => {
    const a = await admin.post('/api/organisations', {
      parentId: byCode('ZIEM').id,
      type: 'school',
      name: 'Bez tipa',
    });
    expect(a.json().error.code).toBe('school_type_required');
    const b = await admin.post('/api/organisations', {
      parentId: byCode('ZIEM').id,
      type: 'partner',
      name: 'Dublikāts',
      code: 'ZIEM-S1',
    });
    expect(b.statusCode).toBe(409);
  });

  it('renames a school and records it in the audit log', async () => {
    const res = await koordZiemelu.patch(`/api/organisations/${byCode('ZIEM-S2').id}`, {
      name: 'Ziemeļu novada Ozolu sākumskola',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('Ziemeļu novada Ozolu sākumskola');
    const audit = await koordZiemelu.get(
      `/api/audit?action=organisation.update&entityId=${byCode('ZIEM-S2').id}`,
    );
    expect(audit.json().total).toBe(1);
  });

  it('rejects a non-uuid id with 400, not 500', async () => {
    const res = await admin.get('/api/organisations/not-a-uuid');
    expect(res.statusCode).toBe(400);
  });
});

describe('audit viewer', () => {
  it('shows a school coordinator only events of the own school', async () => {
    const koordS2 = await server.signIn('koord.s2');
    const events = (await koordS2.get('/api/audit?pageSize=200')).json().items as {
      organisationName: string | null;
    }[];
    expect(events.length).toBeGreaterThan(0);
    const current = (await admin.get(`/api/organisations/${byCode('ZIEM-S2').id}`)).json().name;
    expect(new Set(events.map((e) => e.organisationName))).toEqual(new Set([current]));
  });

  it('refuses the audit log to a teacher', async () => {
    const teacher = await server.signIn('skolotajs.s1');
    expect((await teacher.get('/api/audit')).statusCode).toBe(403);
  });

  it('keeps the audit log append-only in the database', async () => {
    const { sql } = await import('drizzle-orm');
    await expect(server.database.withTx((tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
    await expect(
      server.database.withTx((tx) => tx.execute(sql`update audit_events set action = 'x'`)),
    ).rejects.toThrow();
  });
});
