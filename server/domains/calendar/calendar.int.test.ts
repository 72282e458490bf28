import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TSemester } from '../../../common/api/risks.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { resetClock, setClock, today } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';
import { findSemesters } from './repo.ts';
import { ensureSchoolYears } from './service.ts';

let server: TestServer;
let admin: TestClient;
let koordS1: TestClient;
let schoolId: string;

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id as string;
});
afterEach(() => resetClock());
afterAll(() => server.close());

const semesters = async (): Promise<TSemester[]> => (await admin.get('/api/semesters')).json().items;
const currentOf = (list: TSemester[]) => list.find((s) => s.current) as TSemester;

describe('the demo is set around today', () => {
  it('makes the current semester the one containing today (or the latest begun) and shows flagged students in it', async () => {
    const list = await semesters();
    const current = currentOf(list);
    expect(current.startsOn <= today()).toBe(true);
    expect(list.filter((s) => s.startsOn <= today())[0].id).toBe(current.id);
    const watch = (await koordS1.get(`/api/watch-list?schoolId=${schoolId}`)).json();
    expect(watch.semesterId).toBe(current.id);
    expect(watch.total).toBeGreaterThan(20);
  });

  it('records the e-journal of the current semester no later than today', async () => {
    const current = currentOf(await semesters());
    const summary = (await koordS1.get(`/api/watch-list/summary?schoolId=${schoolId}`)).json();
    expect(summary.semesterId).toBe(current.id);
    expect(summary.studentsWithData).toBeGreaterThan(100);
  });
});

describe('school years created ahead', () => {
  for (const at of ['2029-03-01', '2031-10-01', '2031-07-15']) {
    it(`holds the current and the next school year when the clock is at ${at}`, async () => {
      setClock(at);
      await server.database.withTx((tx) => ensureSchoolYears(tx));
      await server.database.withTx((tx) => ensureSchoolYears(tx)); // idempotent
      // Read straight from the database: a session signed in today would have expired by then.
      const list = await server.database.read((db) => findSemesters(db));
      const year = Number(at.slice(5, 7)) >= 9 ? Number(at.slice(0, 4)) : Number(at.slice(0, 4)) - 1;
      for (const y of [year, year + 1])
        expect(
          list
            .filter((s) => s.schoolYear === y)
            .map((s) => s.number)
            .sort(),
        ).toEqual([1, 2]);
      const current = currentOf(list);
      expect(current.startsOn <= at).toBe(true);
      expect(current.schoolYear).toBe(year);
      expect(list.filter((s) => s.startsOn === `${year}-09-01`)).toHaveLength(1);
    });
  }
});

describe('the national admin keeps the calendar', () => {
  const nextYear = async () => {
    const current = currentOf(await semesters());
    const list = await semesters();
    return list.filter((s) => s.schoolYear === current.schoolYear + 1).sort((a, b) => a.number - b.number);
  };

  it('moves the next school year’s first semester and shows the new dates', async () => {
    const [first] = await nextYear();
    const res = await admin.patch(`/api/semesters/${first.id}`, {
      startsOn: addDays(first.startsOn, 1),
      endsOn: addDays(first.endsOn, -1),
    });
    expect(res.statusCode).toBe(200);
    const moved = (res.json().items as TSemester[]).find((s) => s.id === first.id);
    expect(moved).toMatchObject({ startsOn: addDays(first.startsOn, 1), endsOn: addDays(first.endsOn, -1) });
  });

  it('refuses dates that overlap the other semester, with a message', async () => {
    const [first, second] = await nextYear();
    const res = await admin.patch(`/api/semesters/${first.id}`, {
      startsOn: first.startsOn,
      endsOn: addDays(second.startsOn, 3),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('semester_overlap');
    expect(res.json().error.message).toMatch(/pārklājas/);
  });

  it('refuses dates outside the school year', async () => {
    const [, second] = await nextYear();
    const res = await admin.patch(`/api/semesters/${second.id}`, {
      startsOn: second.startsOn,
      endsOn: `${second.schoolYear + 1}-08-15`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('semester_outside_school_year');
  });

  it('refuses to move the current semester so that e-journal records fall outside it', async () => {
    const current = currentOf(await semesters());
    // A day after today (or the last day, in a holiday): the days already recorded fall outside.
    const startsOn = [addDays(today(), 1), addDays(current.endsOn, -1)].sort()[0];
    const res = await admin.patch(`/api/semesters/${current.id}`, { startsOn, endsOn: current.endsOn });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('semester_records_outside');
    const after = (await semesters()).find((s) => s.id === current.id);
    expect(after).toMatchObject({ startsOn: current.startsOn, endsOn: current.endsOn });
  });

  it('lets only the national admin move dates', async () => {
    const [first] = await nextYear();
    const res = await koordS1.patch(`/api/semesters/${first.id}`, {
      startsOn: first.startsOn,
      endsOn: first.endsOn,
    });
    expect(res.statusCode).toBe(403);
  });
});
