import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { advanceClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';
import { refreshFlagCounts } from './flag-count-repo.ts';
import { refreshFlagDays } from './watch-list.ts';

/**
 * The watch list and the start-page counts read the flag count stored on each indicator row
 * (migration 0025). These tests check the stored counts are the flags the list shows, and stay so
 * when thresholds change and a student moves, and need no recount when a school day passes.
 */
let server: TestServer;
let cal: TestCalendar;
let koordS1: TestClient;

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  koordS1 = await server.signIn('koord.s1');
});
afterAll(async () => {
  resetClock();
  await server.close();
});

type Item = { studentId: string; schoolId: string; flags: unknown[]; lastName: string; firstName: string };

/** Every page of the watch list of the caller. */
async function wholeWatchList(
  client: TestClient,
  query = '',
  pageSize = 100,
): Promise<{ items: Item[]; total: number }> {
  const items: Item[] = [];
  let url = `/api/watch-list?pageSize=${pageSize}${query}`;
  let total = 0;
  for (;;) {
    const body = (await client.get(url)).json();
    items.push(...body.items);
    total = body.total;
    if (!body.nextCursor) break;
    url = `/api/watch-list?pageSize=${pageSize}${query}&cursor=${encodeURIComponent(body.nextCursor)}`;
  }
  return { items, total };
}

/** Rows of the current semester whose stored count differs from a recompute (none when current). */
function staleRows(condition?: SQL): Promise<number> {
  return server.database.withTx(async (tx) => {
    await tx.execute(sql`savepoint probe`);
    const changed = await refreshFlagCounts(tx, cal.current.id, condition);
    await tx.execute(sql`rollback to savepoint probe`);
    return changed;
  });
}

/** Stored flag counts of the current semester, by student. */
async function storedCounts(): Promise<Map<string, number>> {
  const rows = await server.database.read((db) =>
    queryRows<{ student_id: string; flag_count: number }>(
      db,
      sql`select student_id, flag_count from student_indicators where semester_id = ${cal.current.id}`,
    ),
  );
  return new Map(rows.map((r) => [r.student_id, Number(r.flag_count)]));
}

describe('stored flag counts', () => {
  it('are the flags the watch list shows, for every flagged student and no other', async () => {
    const list = await wholeWatchList(koordS1);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.total).toBe(list.items.length);
    const stored = await storedCounts();
    for (const item of list.items) expect(stored.get(item.studentId)).toBe(item.flags.length);
    expect(await staleRows()).toBe(0);
    const summary = (await koordS1.get('/api/watch-list/summary')).json();
    expect(summary.flagged).toBe(list.total);
  });

  it('follow a municipality’s threshold change at once', async () => {
    const koord = await server.signIn('koord.ziemelu');
    const admin = await server.signIn('admin');
    const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
    const municipality = orgs.find((o) => o.code === 'ZIEM');
    if (!municipality) throw new Error('no municipality');
    const current = (await koord.get(`/api/organisations/${municipality.id}/thresholds`)).json();
    const before = (await koordS1.get('/api/watch-list/summary')).json().flagged as number;
    const body = { ...current, organisationId: undefined, inherited: undefined, unjustifiedLessons: 1 };
    expect(
      (await koord.request('PUT', `/api/organisations/${municipality.id}/thresholds`, body)).statusCode,
    ).toBe(200);
    expect(await staleRows()).toBe(0);
    const after = (await koordS1.get('/api/watch-list/summary')).json().flagged as number;
    expect(after).toBeGreaterThan(before);
    const list = await wholeWatchList(koordS1);
    expect(list.total).toBe(after);
    const restore = { ...current, organisationId: undefined, inherited: undefined };
    expect(
      (await koord.request('PUT', `/api/organisations/${municipality.id}/thresholds`, restore)).statusCode,
    ).toBe(200);
    expect((await koordS1.get('/api/watch-list/summary')).json().flagged).toBe(before);
  });

  it('stay current when school days pass: the scheduled job then reads one small table and recounts nothing', async () => {
    await server.database.withTx((tx) => refreshFlagDays(tx));
    expect(await staleRows()).toBe(0);
    // Three days hold at least one weekday; sessions idle out meanwhile, so sign in again.
    advanceClock(3 * 24 * 3600 * 1000);
    koordS1 = await server.signIn('koord.s1');
    expect(await staleRows()).toBe(0);
    expect(await server.database.withTx((tx) => refreshFlagDays(tx))).toEqual({ semesters: 0 });
    const list = await wholeWatchList(koordS1);
    expect((await koordS1.get('/api/watch-list/summary')).json().flagged).toBe(list.total);
  });

  it('move with a student to the new school’s watch list', async () => {
    const flagged = (await wholeWatchList(koordS1)).items[0];
    const [other] = await server.database.read((db) =>
      queryRows<{ id: string }>(
        db,
        sql`select o.id from organisations o join organisations m on m.id = o.parent_id
          where o.type = 'school' and m.code = 'ZIEM' and o.id <> ${flagged.schoolId} order by o.path limit 1`,
      ),
    );
    await server.database.withTx((tx) =>
      tx.execute(sql`update students set school_id = ${other.id} where id = ${flagged.studentId}`),
    );
    const rows = await server.database.read((db) =>
      queryRows<{ school_id: string }>(
        db,
        sql`select school_id from student_indicators where student_id = ${flagged.studentId}`,
      ),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.school_id === other.id)).toBe(true);
    const municipal = await server.signIn('koord.ziemelu');
    const there = await wholeWatchList(municipal, `&schoolId=${other.id}`);
    expect(there.items.map((i) => i.studentId)).toContain(flagged.studentId);
    const here = await wholeWatchList(koordS1);
    expect(here.items.map((i) => i.studentId)).not.toContain(flagged.studentId);
    expect(await staleRows()).toBe(0);
    // The move left the semester to the job: it recounts it once and keeps it.
    expect((await server.database.withTx((tx) => refreshFlagDays(tx))).semesters).toBeGreaterThan(0);
    expect(await server.database.withTx((tx) => refreshFlagDays(tx))).toEqual({ semesters: 0 });
  });

  it('keep the order by flags, last record and the student’s name, and follow a rename (migration 0027)', async () => {
    const municipal = await server.signIn('koord.ziemelu');
    /** The list's order as defined on the students' own names. */
    const expected = () =>
      server.database.read((db) =>
        queryRows<{ id: string }>(
          db,
          sql`select s.id from student_indicators i join students s on s.id = i.student_id
            join organisations o on o.id = s.school_id join organisations m on m.id = o.parent_id
            where i.semester_id = ${cal.current.id} and i.flag_count > 0 and m.code = 'ZIEM' and s.status = 'enrolled'
            order by i.flag_count desc, i.last_record_on desc nulls last, s.last_name, s.first_name, s.id`,
        ),
      );
    // Small pages, so the cursors cross ties of flag count and last record.
    const before = await wholeWatchList(municipal, '', 3);
    expect(before.items.map((i) => i.studentId)).toEqual((await expected()).map((r) => r.id));
    const renamed = before.items.at(-1);
    if (!renamed) throw new Error('no flagged student');
    await server.database.withTx((tx) =>
      tx.execute(
        sql`update students set last_name = 'Ābele', first_name = 'Aija' where id = ${renamed.studentId}`,
      ),
    );
    const after = await wholeWatchList(municipal, '', 3);
    const item = after.items.find((i) => i.studentId === renamed.studentId);
    expect(item?.lastName).toBe('Ābele');
    expect(item?.firstName).toBe('Aija');
    expect(after.items.map((i) => i.studentId)).toEqual((await expected()).map((r) => r.id));
  });
});
