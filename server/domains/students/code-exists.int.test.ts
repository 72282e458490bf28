import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { classListCsv, classListRows } from '../../../test/fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
let admin: TestClient;
let koordS1: TestClient;
let schools: Record<string, string>;
/** A demo student of school 2 (same municipality as school 1, outside koord.s1's scope). */
let elsewhere: { id: string; code: string };
/** A demo student of school 1 (inside koord.s1's scope). */
let own: { id: string; code: string };

async function codeOf(id: string): Promise<string> {
  return ((await admin.post(`/api/students/${id}/reveal-code`)).json().personalCode as string).replace(
    '-',
    '',
  );
}

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schools = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
  const s2 = (await admin.get(`/api/students?schoolId=${schools['ZIEM-S2']}&pageSize=1`)).json().items[0];
  const s1 = (await admin.get(`/api/students?schoolId=${schools['ZIEM-S1']}&pageSize=1`)).json().items[0];
  elsewhere = { id: s2.id, code: await codeOf(s2.id) };
  own = { id: s1.id, code: await codeOf(s1.id) };
});
afterAll(() => server.close());

const register = (personalCode: string) =>
  koordS1.post('/api/students', {
    personalCode,
    firstName: 'Pārbaude',
    lastName: 'Kodam',
    schoolId: schools['ZIEM-S1'],
    classLabel: '9.a',
    grade: 9,
  });
const withoutRequestId = (body: { error: Record<string, unknown> }) => {
  const { requestId: _r, ...rest } = body.error;
  return rest;
};
/** Audit rows of the refusal, at an organisation or about a student. */
async function audits(where: { orgId?: string; entityId?: string }): Promise<number> {
  const rows = await server.database.read((tx) =>
    queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from audit_events where action = 'student.create_refused' and outcome = 'denied'
          and (${where.orgId ?? null}::uuid is null or org_id = ${where.orgId ?? null}::uuid)
          and (${where.entityId ?? null}::uuid is null or entity_id = ${where.entityId ?? null})`,
    ),
  );
  return Number(rows[0].n);
}

describe('registering a code that is already registered', () => {
  it('answers the same neutral conflict whether the student is at this school or at one the caller cannot see', async () => {
    const outside = await register(elsewhere.code);
    const inside = await register(own.code);
    expect(outside.statusCode).toBe(409);
    expect(inside.statusCode).toBe(409);
    expect(withoutRequestId(outside.json())).toEqual(withoutRequestId(inside.json()));
    expect(outside.body).not.toContain(elsewhere.id);
    expect(outside.body).not.toContain(schools['ZIEM-S2']);
    // The message tells what to do without saying where the student is.
    expect(outside.json().error.details[0].message).toMatch(/pārcel/i);
  });

  it('audits the refusal at the caller’s school and at the school that has the student', async () => {
    const before = {
      here: await audits({ orgId: schools['ZIEM-S1'] }),
      there: await audits({ entityId: elsewhere.id }),
    };
    expect((await register(elsewhere.code)).statusCode).toBe(409);
    expect(await audits({ orgId: schools['ZIEM-S1'] })).toBe(before.here + 1);
    expect(await audits({ entityId: elsewhere.id })).toBe(before.there + 1);
  });

  it('still registers a code nobody has', async () => {
    const res = await register(makeOldPersonalCode('2011-07-07', 777));
    expect(res.statusCode).toBe(201);
  });
});

describe('class-list import preview', () => {
  it('flags a code registered outside the school with the same neutral message, never naming another school', async () => {
    const rows = classListRows(2, 40);
    rows[0].personalCode = elsewhere.code;
    const up = await koordS1.request(
      'POST',
      `/api/imports/students?schoolId=${schools['ZIEM-S1']}&fileName=klase.csv`,
      classListCsv(rows),
      { headers: { 'content-type': 'text/csv' } },
    );
    const preview = await koordS1.post(`/api/imports/${up.json().importId}/preview`, {
      mapping: up.json().mapping,
    });
    expect(preview.statusCode).toBe(200);
    const flagged = preview.json().rows[0];
    expect(flagged.status).toBe('error');
    expect(flagged.errors[0].code).toBe('personal_code_taken');
    expect(preview.body).not.toMatch(/citā skolā|another school/i);
    expect(await audits({ entityId: elsewhere.id })).toBeGreaterThan(0);
  });
});
