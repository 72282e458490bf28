import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNewPersonalCode } from '../../../common/personal-code.ts';
import { manyRowsXlsx, wideSheetXlsx, zipBombXlsx } from '../../../test/hostile-files.ts';
import { buildOutcomeFixture, type OutcomeFixture } from '../../../test/outcomes-fixture.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { readTestCalendar } from '../../../test/calendar.ts';
import { queryRows } from '../../platform/db.ts';
import { findLabelledRows } from '../risk-score/index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: TestServer;
let fx: OutcomeFixture;
let koord: TestClient;

beforeAll(async () => {
  server = await createTestServer();
  fx = await buildOutcomeFixture(server);
  koord = await server.signIn('koord.s1');
}, 120_000);
afterAll(() => server.close());

const url = (schoolId = fx.schools.s1, year = fx.year) =>
  `/api/outcomes/import?schoolId=${schoolId}&schoolYear=${year}&fileName=iznakumi.csv`;
const upload = (content: Buffer | string, type = 'text/csv', client = koord, target = url()) =>
  client.request('POST', target, content, { headers: { 'content-type': type } });
const csv = (...rows: string[]) => ['Personas kods;Iznākums;Iemesls', ...rows].join('\n');

async function stored() {
  const rows = await server.database.read((tx) =>
    queryRows<{ student_id: string; outcome: string; source: string; reason: string | null }>(
      tx,
      sql`select student_id, outcome, source, reason from student_outcomes where school_year = ${fx.year}`,
    ),
  );
  return new Map(rows.map((r) => [r.student_id, r]));
}

describe('importing every student’s result (issue 15), not only programme students’', () => {
  it('stores a non-programme student of the school, one who moved away since (indicators computed here) — both in the labelled history', async () => {
    const { golf, hotel } = fx.students;
    const res = await upload(csv(`${golf.code};repeats_year;`, `${hotel.code};continues;`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 2, saved: 2 });
    const s = await stored();
    expect(s.get(golf.id)).toMatchObject({ outcome: 'repeats_year', source: 'import' });
    expect(s.get(hotel.id)).toMatchObject({ outcome: 'continues' });
    const cal = await readTestCalendar(server.database);
    const rows = await server.database.read((tx) => findLabelledRows(tx, cal.previous, ['/']));
    const byId = new Map(rows.map((r) => [r.studentId, r]));
    expect(byId.get(golf.id)).toMatchObject({
      schoolId: fx.schools.s1,
      outcome: 'repeats_year',
      failed: true,
    });
    expect(byId.get(hotel.id)).toMatchObject({
      schoolId: fx.schools.s1,
      outcome: 'continues',
      failed: false,
    });
    const [owner] = await server.database.read((tx) =>
      queryRows<{ school_id: string }>(
        tx,
        sql`select school_id from student_outcomes where student_id = ${hotel.id} and school_year = ${fx.year}`,
      ),
    );
    expect(owner.school_id).toBe(fx.schools.s1);
    // The page stays the programme students' list and counts the other results.
    const list = await koord.request('GET', `/api/outcomes?schoolId=${fx.schools.s1}&schoolYear=${fx.year}`);
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((r: { studentId: string }) => r.studentId);
    expect(ids).not.toContain(golf.id);
    expect(list.json().others).toBeGreaterThanOrEqual(2);
  });

  it('refuses another school’s student (no plan, indicators elsewhere) with the unknown code’s row error, saving nothing', async () => {
    const before = await stored();
    const res = await upload(
      csv(
        `${fx.students.golf.code};continues;`,
        `${fx.students.india.code};continues;`,
        `${makeNewPersonalCode(99_999_002)};continues;`,
      ),
    );
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(['row.3.personalCode', 'row.4.personalCode']);
    expect(details[0].message).toBe(details[1].message);
    expect(await stored()).toEqual(before);
  });

  it('leaves a programme student’s year to the school of the plan: the school they moved to may not import it', async () => {
    const koord2 = await server.signIn('koord.s2');
    const res = await upload(
      csv(`${fx.students.charlie.code};continues;`),
      'text/csv',
      koord2,
      url(fx.schools.s2),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('row.2.personalCode');
    // Its own non-programme student it does import.
    const ok = await upload(
      csv(`${fx.students.india.code};continues;`),
      'text/csv',
      koord2,
      url(fx.schools.s2),
    );
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('importing outcomes', () => {
  it('stores a CSV of codes and Latvian/English names (source import) and audits each student', async () => {
    const { alpha, charlie, foxtrot } = fx.students;
    const res = await upload(
      csv(
        `${alpha.code};continues;`,
        `${charlie.code.slice(0, 6)}-${charlie.code.slice(6)};Pārgāja uz citu skolu;`,
        `${foxtrot.code};Left education;Pārcēlās uz ārzemēm`,
      ),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 3, saved: 3 });
    const s = await stored();
    expect(s.get(alpha.id)).toMatchObject({ outcome: 'continues', source: 'import' });
    expect(s.get(charlie.id)).toMatchObject({ outcome: 'moved_school' });
    expect(s.get(foxtrot.id)).toMatchObject({ outcome: 'left_education', reason: 'Pārcēlās uz ārzemēm' });
    const audited = await server.database.read((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where action = 'outcome.import'`,
      ),
    );
    expect(audited[0].n).toBeGreaterThanOrEqual(3);
  });

  it('saves nothing when a row in the middle is bad, and names the rows at fault', async () => {
    const { alpha, foxtrot } = fx.students;
    const before = await stored();
    const res = await upload(
      csv(`${alpha.code};graduated;`, `${foxtrot.code};izkrita;`, `${foxtrot.code.slice(0, 10)}9;graduated;`),
    );
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('outcome_import_has_errors');
    expect(error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['row.3.outcome']),
    );
    expect(error.details.every((d: { message: string }) => d.message.length > 0)).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('gives the same row error for a code of another school and a code nobody has', async () => {
    const res = await upload(
      csv(`${fx.students.delta.code};continues;`, `${makeNewPersonalCode(99_999_001)};continues;`),
    );
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details).toHaveLength(2);
    expect(details[0].path).toBe('row.2.personalCode');
    expect(details[1].path).toBe('row.3.personalCode');
    expect(details[0].message).toBe(details[1].message);
  });

  it('refuses left education without a reason, a duplicate code, a NUL in the reason and an over-long reason', async () => {
    const { alpha, foxtrot, charlie } = fx.students;
    const res = await upload(
      csv(
        `${alpha.code};left_education;`,
        `${alpha.code};continues;`,
        `${foxtrot.code};left_education;a\u0001b`,
        `${charlie.code};left_education;${'x'.repeat(501)}`,
      ),
    );
    expect(res.statusCode).toBe(422);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['row.2.reason', 'row.3.personalCode', 'row.4.reason', 'row.5.reason']);
  });

  it('refuses a file without the needed columns, an empty file, and a school or year out of scope', async () => {
    expect((await upload('Vārds;Klase\nAnna;7.a')).statusCode).toBe(400);
    expect((await upload('Personas kods;Iznākums\n')).statusCode).toBe(400);
    expect((await upload(csv(), 'text/csv', koord, url(fx.schools.s5))).statusCode).toBe(404);
    expect((await upload(csv(), 'text/csv', koord, url(fx.schools.s2))).statusCode).toBe(404);
    expect((await upload(csv(), 'text/csv', koord, url(fx.schools.s1, 9999))).statusCode).toBe(400);
    expect((await upload(csv(), 'text/csv', koord, url(fx.schools.s1, 0))).statusCode).toBe(400);
    const teacher = await server.signIn('skolotajs.s1');
    expect((await upload(csv(`${fx.students.alpha.code};continues;`), 'text/csv', teacher)).statusCode).toBe(
      403,
    );
  });

  it('reads an XLSX with English headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Outcomes');
    sheet.addRow(['Personal code', 'Outcome', 'Reason']);
    sheet.addRow([fx.students.alpha.code, 'Repeats the year', '']);
    const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect(res.statusCode, res.body).toBe(200);
    expect((await stored()).get(fx.students.alpha.id)).toMatchObject({ outcome: 'repeats_year' });
  });

  it('answers a double submission with the same key once', async () => {
    const body = csv(`${fx.students.alpha.code};extended_year;`);
    const send = () =>
      koord.request('POST', url(), body, {
        headers: { 'content-type': 'text/csv', 'idempotency-key': 'outcomes-import-1' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
  });

  it.each([
    ['a wide sheet (a header cell in XFD1)', () => wideSheetXlsx(3000), 400, 'import_too_many_columns'],
    ['a zip bomb (1 GB declared inside 4 MB)', async () => zipBombXlsx(1000), 413, 'import_too_large'],
    [
      '6,000 rows (past the 5,000 an outcome file may hold)',
      () => manyRowsXlsx(6000),
      413,
      'import_too_many_rows',
    ],
    ['200,000 rows (past the unpacked size first)', () => manyRowsXlsx(200_000), 413, 'import_too_large'],
  ] as const)(
    'refuses a hostile XLSX: %s, within 2 s, saving nothing',
    async (_what, make, status, code) => {
      const file = await make();
      const before = await stored();
      const started = performance.now();
      const res = await upload(file, XLSX);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await stored()).toEqual(before);
    },
    60_000,
  );
});
