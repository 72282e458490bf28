import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { findSemesters } from '../calendar/index.ts';
import { refreshIndicators } from './repo.ts';

let server: TestServer;
let cal: TestCalendar;
let koord: TestClient;

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  koord = await server.signIn('koord.s1');
});
afterAll(async () => {
  resetClock();
  await server.close();
});

/** Every indicator row, all columns (the time it was computed included), in a fixed order. */
function indicatorRows(where = sql`true`) {
  return server.database.read((db) =>
    queryRows<Record<string, unknown>>(
      db,
      sql`select * from student_indicators where ${where} order by student_id, semester_id`,
    ),
  );
}

describe('recomputing indicators after a hand-entered mark', () => {
  it('rewrites only that student, and equals a full recompute', async () => {
    const student = (await koord.get('/api/students?pageSize=1')).json().items[0] as { id: string };
    const others = sql`student_id <> ${student.id}`;
    const before = await indicatorRows(others);
    // Rows of students of other schools (and municipalities) exist, so "untouched" means something.
    const otherSchools = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from student_indicators where school_id <> (select school_id from students where id = ${student.id})`,
      ),
    );
    expect(otherSchools[0].n).toBeGreaterThan(0);

    // A mark last semester (the current semester's "previous average" reads it) and one now.
    for (const onDate of [addDays(cal.previous.startsOn, 20), addDays(cal.today, -1)]) {
      const res = await koord.post(`/api/students/${student.id}/marks`, {
        onDate,
        subject: 'Fizika',
        mark: '3',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(await indicatorRows(others)).toEqual(before);

    const mine = sql`student_id = ${student.id}`;
    const values = (rows: Record<string, unknown>[]) => rows.map(({ computed_at: _, ...rest }) => rest);
    const scoped = values(await indicatorRows(mine));
    expect(scoped.length).toBeGreaterThanOrEqual(2);

    // A recompute of every student nationally for the two semesters the marks touched gives the same.
    await server.database.withTx(async (tx) => {
      const all = (await findSemesters(tx)).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      for (const [i, semester] of all.entries())
        if (semester.id === cal.previous.id || semester.id === cal.current.id)
          await refreshIndicators(tx, semester, all[i - 1] ?? null, sql`true`);
    });
    const touched = new Set([cal.previous.id, cal.current.id]);
    const inTouched = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => touched.has(String(r.semester_id)));
    expect(inTouched(scoped)).toHaveLength(2);
    expect(inTouched(values(await indicatorRows(mine)))).toEqual(inTouched(scoped));
  });
});
