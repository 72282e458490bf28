import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

// The e-journal import's paths: a file of only new records is copied straight into the table; a
// file naming stored records (or one record twice) is staged and merged. Both give the same answers.

let server: TestServer;
let koord: TestClient;
let schoolId: string;
let cal: TestCalendar;
const codes = [makeOldPersonalCode('2011-02-03', 411), makeOldPersonalCode('2011-03-04', 522)];
const ids: string[] = [];
const HEADER = 'Personas kods;Datums;Stunda;Priekšmets;Kavējuma veids';
const d = (week: number, plus = 0) => cal.lv(cal.weekday(week, plus));
const csv = (lines: string[]) => `${[HEADER, ...lines].join('\r\n')}\r\n`;
const line = (student: number, week: number, lesson: number, reason: string, subject = 'Fizika') =>
  `${codes[student]};${d(week)};${lesson};${subject};${reason}`;

function importFile(body: string) {
  return koord.request(
    'POST',
    `/api/ejournal/import?schoolId=${schoolId}&kind=attendance&fileName=a.csv`,
    body,
    { headers: { 'content-type': 'text/csv' } },
  );
}

type Stored = { id: string; lesson_no: number; on_date: string; reason: string; subject: string | null };
/** The stored attendance of student `n` (with row ids: an unchanged row keeps its id). */
const stored = (n: number) =>
  server.database.read((db) =>
    queryRows<Stored>(
      db,
      sql`select id::text, lesson_no, on_date::text, reason, subject from attendance
        where student_id = ${ids[n]} order by on_date, lesson_no`,
    ),
  );
/** Student `n`'s indicators in the current semester (unjustified lessons, computed at). */
const indicators = (n: number) =>
  server.database
    .read((db) =>
      queryRows<{ unjustified_lessons: number; present_lessons: number; computed_at: string }>(
        db,
        sql`select unjustified_lessons, present_lessons, computed_at::text from student_indicators
          where student_id = ${ids[n]} and semester_id = ${cal.current.id}`,
      ),
    )
    .then((r) => r[0]);

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  const admin = await server.signIn('admin');
  koord = await server.signIn('koord.s1');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id ?? '';
  for (const [i, personalCode] of codes.entries()) {
    const res = await koord.post('/api/students', {
      personalCode,
      firstName: 'Sapludināšanas',
      lastName: `Skolēns${i}`,
      schoolId,
      classLabel: '8.a',
      grade: 8,
    });
    ids.push(res.json().id);
  }
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('the e-journal import’s merge', () => {
  it('copies a first file of new records and computes the indicators', async () => {
    const res = await importFile(csv([line(0, 0, 1, 'n'), line(0, 0, 2, 'n'), line(0, 0, 3, '+')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      studentsRefreshed: 1,
    });
    expect((await stored(0)).map((r) => [r.lesson_no, r.reason])).toEqual([
      [1, 'unjustified'],
      [2, 'unjustified'],
      [3, 'present'],
    ]);
    expect(await indicators(0)).toMatchObject({ unjustified_lessons: 2, present_lessons: 1 });
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await stored(0);
    const res = await importFile(csv([line(0, 0, 1, 'n'), line(0, 0, 2, 'n'), line(0, 0, 3, '+')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });
    expect(await stored(0)).toEqual(before);
  });

  it('updates the changed records of a file, keeps the same ones and adds the new ones', async () => {
    const before = await stored(0);
    const res = await importFile(
      csv([line(0, 0, 1, 'n'), line(0, 0, 2, 's'), line(0, 0, 3, '+', 'Ķīmija'), line(0, 0, 4, 'n')]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 4, inserted: 1, updated: 2, unchanged: 1 });
    const after = await stored(0);
    expect(after.map((r) => [r.lesson_no, r.reason, r.subject])).toEqual([
      [1, 'unjustified', 'Fizika'],
      [2, 'justified', 'Fizika'],
      [3, 'present', 'Ķīmija'],
      [4, 'unjustified', 'Fizika'],
    ]);
    expect(after.slice(0, 3).map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(await indicators(0)).toMatchObject({ unjustified_lessons: 2, present_lessons: 1 });
  });

  it('copies a file of other days straight in beside a student’s stored records', async () => {
    const res = await importFile(csv([line(0, 1, 1, 'n'), line(1, 1, 1, 'n'), line(1, 1, 2, 'n')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      studentsRefreshed: 2,
    });
    expect(await stored(0)).toHaveLength(5);
    expect(await indicators(0)).toMatchObject({ unjustified_lessons: 3 });
    expect(await indicators(1)).toMatchObject({ unjustified_lessons: 2 });
  });

  it('merges a file whose new records come before a stored one, leaving no half-copied rows', async () => {
    const res = await importFile(csv([line(1, 2, 1, 'n'), line(1, 2, 2, 'n'), line(1, 1, 1, 's')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 2, updated: 1, unchanged: 0 });
    expect((await stored(1)).map((r) => [r.on_date, r.lesson_no, r.reason])).toEqual([
      [cal.weekday(1), 1, 'justified'],
      [cal.weekday(1), 2, 'unjustified'],
      [cal.weekday(2), 1, 'unjustified'],
      [cal.weekday(2), 2, 'unjustified'],
    ]);
    expect(await indicators(1)).toMatchObject({ unjustified_lessons: 3 });
  });

  it('takes a new record given twice alike once', async () => {
    const res = await importFile(csv([line(1, 3, 1, 'n'), line(1, 3, 1, 'n')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, inserted: 1, updated: 0, unchanged: 0 });
  });

  it('names both a bad row and a record given two ways, and writes nothing', async () => {
    const before = [await stored(0), await stored(1)];
    const res = await importFile(
      csv([line(1, 4, 1, 'n'), line(1, 4, 2, 'n'), line(1, 4, 1, 's'), line(0, 4, 1, '?')]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((e: { path: string }) => e.path)).toEqual([
      'row.4.date',
      'row.5.reason',
    ]);
    expect([await stored(0), await stored(1)]).toEqual(before);
  });

  it('names a bad row of a file of new records and writes nothing', async () => {
    const res = await importFile(csv([line(0, 5, 1, 'n'), line(0, 5, 2, '?')]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((e: { path: string }) => e.path)).toEqual(['row.3.reason']);
    expect((await stored(0)).some((r) => r.on_date === cal.weekday(5))).toBe(false);
  });

  it('recomputes the indicators of the students in the file only', async () => {
    const other = (await indicators(1)).computed_at;
    const res = await importFile(csv([line(0, 6, 1, 'n')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 1, studentsRefreshed: 1 });
    expect((await indicators(1)).computed_at).toBe(other);
  });
});
