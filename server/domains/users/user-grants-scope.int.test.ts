import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
let admin: TestClient;
let koordS1: TestClient;
let koordZiemelu: TestClient;
const org: Record<string, string> = {};
/** Home at school 1, a teacher there and a specialist at school 2. */
let twoSchools: string;
/** Home at school 2, a teacher at school 1 and a plan preparer at school 2. */
let homeElsewhere: string;

async function staff(email: string, home: string, grants: [string, string][]): Promise<string> {
  const res = await admin.post('/api/users', {
    email,
    firstName: 'Divu',
    lastName: 'Skolu',
    homeOrganisationId: home,
    password: 'Garaparole-123456',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  for (const [role, organisationId] of grants)
    expect((await admin.post(`/api/users/${id}/grants`, { role, organisationId })).statusCode).toBe(201);
  return id;
}

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  koordZiemelu = await server.signIn('koord.ziemelu');
  for (const o of (await admin.get('/api/organisations')).json().items as { id: string; code: string }[])
    org[o.code] = o.id;
  twoSchools = await staff('divas.skolas@demo.pumpurs.lv', org['ZIEM-S1'], [
    ['teacher', org['ZIEM-S1']],
    ['specialist', org['ZIEM-S2']],
  ]);
  homeElsewhere = await staff('cita.majas@demo.pumpurs.lv', org['ZIEM-S2'], [
    ['teacher', org['ZIEM-S1']],
    ['plan_preparer', org['ZIEM-S2']],
  ]);
});
afterAll(() => server.close());

const orgsOf = (grants: { organisationId: string }[]) => grants.map((g) => g.organisationId);

describe('grants shown to a manager are only those inside the manager’s subtree', () => {
  it('shows a school 1 coordinator only the school 1 grant, in the list and in the user record', async () => {
    for (const [id, email] of [
      [twoSchools, 'divas.skolas'],
      [homeElsewhere, 'cita.majas'],
    ]) {
      const list = (await koordS1.get(`/api/users?q=${email}`)).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0].roles).toEqual(['teacher']);
      const one = (await koordS1.get(`/api/users/${id}`)).json();
      expect(orgsOf(one.grants)).toEqual([org['ZIEM-S1']]);
      expect(one.roles).toEqual(['teacher']);
    }
  });

  it('shows the municipal coordinator both grants', async () => {
    const one = (await koordZiemelu.get(`/api/users/${twoSchools}`)).json();
    expect(orgsOf(one.grants).sort()).toEqual([org['ZIEM-S1'], org['ZIEM-S2']].sort());
  });

  it('does not reveal grants elsewhere through the organisation filter', async () => {
    const res = (await koordS1.get(`/api/users?organisationId=${org['ZIEM-S2']}&pageSize=200`)).json();
    expect(res.items).toEqual([]);
    expect(res.total).toBe(0);
    const own = (await koordS1.get(`/api/users?organisationId=${org['ZIEM-S1']}&pageSize=200`)).json();
    expect(own.items.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([twoSchools, homeElsewhere]),
    );
  });

  it('answers 404, not 403, for removing a grant outside the subtree, and after a change still shows only the subtree', async () => {
    const all = (await koordZiemelu.get(`/api/users/${twoSchools}`)).json().grants as {
      id: string;
      organisationId: string;
    }[];
    const elsewhere = all.find((g) => g.organisationId === org['ZIEM-S2'])!;
    const res = await koordS1.delete(`/api/users/${twoSchools}/grants/${elsewhere.id}`);
    expect(res.statusCode).toBe(404);
    const added = await koordS1.post(`/api/users/${twoSchools}/grants`, {
      role: 'plan_preparer',
      organisationId: org['ZIEM-S1'],
    });
    expect(added.statusCode).toBe(201);
    expect(orgsOf(added.json().grants)).toEqual([org['ZIEM-S1'], org['ZIEM-S1']]);
  });
});
