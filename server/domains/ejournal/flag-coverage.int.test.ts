import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { setClock } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { refreshFlagCounts } from './flag-count-repo.ts';
import { ofSchool, refreshIndicators } from './repo.ts';

/**
 * The attendance flag does not depend on the wall clock (issue 15): without present lessons the
 * lessons held are the school days up to the school's latest attendance record (its journal
 * coverage), so a student missing one lesson in five every day has attendance 80 % whether the
 * clock is in week 3, week 10 or after the semester, and data imported up to a date is not diluted
 * by the days after it.
 */
let server: TestServer;
let cal: TestCalendar;
let koord: TestClient;
let schoolId: string;
let municipalityId: string;
const steady = { code: makeOldPersonalCode('2012-03-04', 412), id: '' };
const early = { code: makeOldPersonalCode('2012-07-08', 413), id: '' };
const pc = (code: string) => `${code.slice(0, 6)}-${code.slice(6)}`;
const lv = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** The weekdays from `from` to `to`, inclusive. */
function weekdays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  return days;
}

/** Moves the clock to `date` (signing in again: sessions are dated by the clock). */
async function clockAt(date: string) {
  setClock(`${date}T09:00:00Z`);
  koord = await server.signIn('koord.s1');
}

async function importAttendance(lines: string[]) {
  const res = await koord.request(
    'POST',
    `/api/ejournal/import?schoolId=${schoolId}&kind=attendance&fileName=a.csv`,
    `${['Personas kods;Datums;Stunda;Kavējuma veids', ...lines].join('\r\n')}\r\n`,
    { headers: { 'content-type': 'text/csv' } },
  );
  expect(res.statusCode, res.body).toBe(200);
}

/** The steady student misses lesson 1 (of 5 a day) on every school day from `from` to `to`. */
const missLessonOne = (from: string, to: string) =>
  importAttendance(weekdays(from, to).map((d) => `${pc(steady.code)};${lv(d)};1;a`));

async function indicatorsOf(student: { id: string }) {
  const res = await koord.get(`/api/students/${student.id}/indicators?semesterId=${cal.current.id}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return { rate: body.attendanceRate as number, flags: (body.flags as { key: string }[]).map((f) => f.key) };
}

/** Rows of the semester whose stored flag count differs from a recompute (none when current). */
function staleRows(): Promise<number> {
  return server.database.withTx(async (tx) => {
    await tx.execute(sql`savepoint probe`);
    const changed = await refreshFlagCounts(tx, cal.current.id);
    await tx.execute(sql`rollback to savepoint probe`);
    return changed;
  });
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  [{ id: schoolId, parent_id: municipalityId }] = await server.database.read((db) =>
    queryRows<{ id: string; parent_id: string }>(
      db,
      sql`select id, parent_id from organisations where code = 'ZIEM-S1'`,
    ),
  );
  // The school's journal starts empty this semester, so the test's rows are its whole coverage.
  await server.database.withTx(async (tx) => {
    await tx.execute(sql`delete from attendance where on_date between ${cal.current.startsOn}::date and ${cal.current.endsOn}::date
      and student_id in (select id from students where school_id = ${schoolId})`);
    await refreshIndicators(tx, cal.current, null, ofSchool(schoolId));
  });
  await clockAt(addDays(cal.weekday(3), 0));
  for (const [student, first] of [
    [steady, 'Vienmērīgā'],
    [early, 'Agrā'],
  ] as const) {
    const res = await koord.post('/api/students', {
      personalCode: student.code,
      firstName: first,
      lastName: 'Kavētāja',
      schoolId,
      classLabel: '8.b',
      grade: 8,
    });
    expect(res.statusCode, res.body).toBe(201);
    student.id = res.json().id;
  }
  const municipal = await server.signIn('koord.ziemelu');
  const current = (await municipal.get(`/api/organisations/${municipalityId}/thresholds`)).json();
  const put = await municipal.request('PUT', `/api/organisations/${municipalityId}/thresholds`, {
    ...current,
    organisationId: undefined,
    inherited: undefined,
    lessonsPerDay: 5,
  });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('the attendance flag over the journal’s coverage', () => {
  it('is the same 80 % in week 3, in week 10 and after the semester, and not diluted by days after the data', async () => {
    const start = cal.current.startsOn;
    // Week 3: data to the Friday before.
    await missLessonOne(start, addDays(cal.weekday(3), -3));
    // The early student misses 5 whole days in the first week, nothing recorded after.
    await importAttendance(
      weekdays(start, addDays(start, 6)).flatMap((d) =>
        [1, 2, 3, 4, 5].map((l) => `${pc(early.code)};${lv(d)};${l};a`),
      ),
    );
    const week3 = await indicatorsOf(steady);
    expect(week3.rate).toBe(0.8);
    expect(week3.flags).toContain('attendance');

    // Week 10, nothing imported since: the rate stands (today's school days would have diluted it to ~95 %).
    await clockAt(cal.weekday(10, 2));
    expect(await indicatorsOf(steady)).toEqual(week3);
    expect(await staleRows()).toBe(0);

    // The weeks up to week 10 imported: the school's coverage moves, the steady rate stays.
    const earlyBefore = await indicatorsOf(early);
    await missLessonOne(cal.weekday(3, -2), cal.weekday(10, 1));
    expect(await indicatorsOf(steady)).toEqual(week3);
    // The early student's days are now a small share of the lessons held: the flag goes, and the
    // stored counts of the whole school follow the moved coverage.
    const earlyAfter = await indicatorsOf(early);
    expect(earlyAfter.rate).toBeGreaterThan(earlyBefore.rate);
    expect(earlyBefore.flags).toContain('attendance');
    expect(earlyAfter.flags).not.toContain('attendance');
    expect(await staleRows()).toBe(0);

    // After the semester, with the rest of it imported.
    await clockAt(addDays(cal.current.endsOn, 10));
    await missLessonOne(cal.weekday(10, 2), cal.current.endsOn);
    expect(await indicatorsOf(steady)).toEqual(week3);
    expect(await staleRows()).toBe(0);
  });
});
