import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftYears } from '../common/api/fields.ts';
import { makeNewPersonalCode } from '../common/personal-code.ts';
import { addDays, todayInLatvia } from '../server/platform/dates.ts';
import { queryRows } from '../server/platform/db.ts';
import { MESSAGES } from '../server/platform/messages.ts';
import { databaseFingerprint } from './bad-input-walk.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

let server: TestServer;
let admin: TestClient;
let coordinator: TestClient;
let school: {
  id: string;
  otherSchoolId: string;
  studentId: string;
  semesterId: string;
  firstSemesterStart: string;
};

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  coordinator = await server.signIn('koord.s1');
  school = await server.database.read(async (db) => {
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`select g.org_id as id from role_grants g join users u on u.id = g.user_id
          where u.email like 'koord.s1@%' and g.role = 'school_coordinator'`,
    );
    const [student] = await queryRows<{ id: string }>(
      db,
      sql`select id from students where school_id = ${row.id} order by id limit 1`,
    );
    const [latest] = await queryRows<{ id: string }>(
      db,
      sql`select id from semesters order by starts_on desc limit 1`,
    );
    const [first] = await queryRows<{ d: string }>(db, sql`select min(starts_on)::text as d from semesters`);
    const [other] = await queryRows<{ id: string }>(
      db,
      sql`select id from organisations where type = 'school' and id <> ${row.id} order by name limit 1`,
    );
    return {
      id: row.id,
      otherSchoolId: other.id,
      studentId: student.id,
      semesterId: latest.id,
      firstSemesterStart: first.d,
    };
  });
});
afterAll(() => server.close());

const detail = (res: { json(): unknown }) =>
  (res.json() as { error: { details?: { path: string; message: string }[] } }).error.details ?? [];

/** Sends `send()`, expects a 400 naming `path`, and that no table changed. */
async function expectRefused(send: () => Promise<{ statusCode: number; json(): unknown }>, path: string) {
  const before = await databaseFingerprint(server.database);
  const res = await send();
  expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
  expect(detail(res).map((d) => d.path)).toContain(path);
  expect(await databaseFingerprint(server.database)).toEqual(before);
  return res;
}

describe('bad input rules beyond characters', () => {
  it('refuses consultation hours that would overflow the minutes column (was a 500)', async () => {
    await expectRefused(
      () =>
        admin.request('PUT', '/api/budgets', {
          schoolId: school.id,
          semesterId: school.semesterId,
          category: 'consultation',
          amount: 100_000_000,
        }),
      'amount',
    );
    await expectRefused(
      () => admin.request('PUT', '/api/support-caps', { category: 'consultation', amount: 50_000_000 }),
      'amount',
    );
  });

  it('refuses a birth date in the future or more than 100 years ago', async () => {
    const body = (birthDate: string, seq: number) => ({
      personalCode: makeNewPersonalCode(96_000_000 + seq),
      firstName: 'Nākotne',
      lastName: 'Bērziņa',
      birthDate,
      schoolId: school.id,
      classLabel: '7.a',
      grade: 7,
    });
    const today = todayInLatvia();
    const res = await expectRefused(
      () => coordinator.post('/api/students', body(addDays(today, 1), 1)),
      'birthDate',
    );
    expect(detail(res)[0].message).toBe(MESSAGES.birth_date_range.lv);
    await expectRefused(
      () => coordinator.post('/api/students', body(shiftYears(today, -101), 2)),
      'birthDate',
    );
  });

  it('refuses a semester twenty years ahead', async () => {
    const today = todayInLatvia();
    await expectRefused(
      () =>
        admin.post('/api/semesters', {
          schoolYear: Number(today.slice(0, 4)) + 20,
          number: 1,
          startsOn: shiftYears(today, 20),
          endsOn: addDays(shiftYears(today, 20), 100),
        }),
      'startsOn',
    );
  });

  it('refuses a move dated thirty years ago', async () => {
    await expectRefused(
      () =>
        coordinator.post(`/api/students/${school.studentId}/move`, {
          toSchoolId: school.otherSchoolId,
          movedOn: shiftYears(todayInLatvia(), -30),
          classLabel: '7.a',
          grade: 7,
        }),
      'movedOn',
    );
  });

  it('refuses an e-journal record dated outside every semester', async () => {
    const before = addDays(school.firstSemesterStart, -1);
    const res = await expectRefused(
      () =>
        coordinator.post(`/api/students/${school.studentId}/attendance`, {
          onDate: before,
          reason: 'unjustified',
        }),
      'onDate',
    );
    expect((res.json() as { error: { code: string } }).error.code).toBe('date_outside_semesters');
    await expectRefused(
      () =>
        coordinator.post(`/api/students/${school.studentId}/behaviour`, {
          onDate: '1950-03-01',
          kind: 'negative',
          note: 'Sen',
        }),
      'onDate',
    );
  });

  it('refuses an e-journal file with a record dated more than twenty years ago, naming the row', async () => {
    const [row] = await server.database.read((db) =>
      queryRows<{ code: string }>(
        db,
        sql`select personal_code as code from students where id = ${school.studentId}`,
      ),
    );
    const csv = ['Personas kods;Datums;Veids;Piezīme', `${row.code};01.03.1950;negatīva;Sen`].join('\r\n');
    const res = await expectRefused(
      () =>
        coordinator.request(
          'POST',
          `/api/ejournal/import?schoolId=${school.id}&kind=behaviour&fileName=b.csv`,
          csv,
          {
            headers: { 'content-type': 'text/csv' },
          },
        ),
      'row.2.date',
    );
    expect(detail(res)[0].message).toBe(MESSAGES.date_out_of_range.lv);
  });

  it('answers a __proto__ or constructor.prototype key with a 400 and pollutes nothing', async () => {
    const before = await databaseFingerprint(server.database);
    const res = await admin.request(
      'PATCH',
      `/api/students/${school.studentId}`,
      '{"__proto__":{"polluted":1},"firstName":"Jānis"}',
      {
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(res.statusCode).toBe(400);
    const ctor = await admin.request(
      'PATCH',
      `/api/students/${school.studentId}`,
      '{"constructor":{"prototype":{"polluted":1}},"firstName":"Jānis"}',
      { headers: { 'content-type': 'application/json' } },
    );
    expect(ctor.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await databaseFingerprint(server.database)).toEqual(before);
  });

  it('names the field and says why in the user language', async () => {
    const res = await expectRefused(
      () =>
        coordinator.post(`/api/students/${school.studentId}/behaviour`, {
          onDate: todayInLatvia(),
          kind: 'negative',
          note: 'a\u0000b',
        }),
      'note',
    );
    expect(detail(res)).toEqual([{ path: 'note', message: MESSAGES.control_characters.lv }]);
  });
});
