import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFlagCounts, ensureFlagCountsIn } from '../../server/domains/ejournal/index.ts';
import { queryRows } from '../../server/platform/db.ts';
import { createTestDatabase, type TestDatabase } from '../database.ts';

/**
 * Stored flag counts refreshed by requests and by the job `indicators.flag-days` at once (PostgreSQL:
 * PGlite has one connection). On the national set the job and two requests deadlocked at start-up
 * ("deadlock detected"), the job failed and every read kept recomputing its rows for an hour. A
 * request's refresh now skips rows another transaction holds (it never waits), so no cycle of
 * waits can form; the holder's transaction writes them.
 */
let fresh: TestDatabase;
let semester: { id: string; startsOn: string; endsOn: string };
let root: string;

const stored = (where: string) =>
  fresh.database.read(async (db) => {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql.raw(
        `select count(*)::int as n from student_indicators where semester_id = '${semester.id}' and ${where}`,
      ),
    );
    return Number(r.n);
  });

beforeAll(async () => {
  fresh = await createTestDatabase();
  [semester] = await fresh.database.read((db) =>
    queryRows<{ id: string; startsOn: string; endsOn: string }>(
      db,
      sql`select se.id, to_char(se.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(se.ends_on, 'YYYY-MM-DD') as "endsOn"
          from semesters se join student_indicators i on i.semester_id = se.id
          group by se.id order by count(*) desc limit 1`,
    ),
  );
  [{ path: root }] = await fresh.database.read((db) =>
    queryRows<{ path: string }>(db, sql`select path from organisations where type = 'nation'`),
  );
});
afterAll(() => fresh?.drop());

/** Marks every row of the semester stale (a count no row can have) and forgets the kept day count. */
async function makeStale() {
  await fresh.database.withTx(async (tx) => {
    await tx.execute(sql`update student_indicators set flag_count = 9 where semester_id = ${semester.id}`);
    await tx.execute(sql`delete from indicator_flag_days`);
  });
}

describe('refreshing stored flag counts concurrently', () => {
  it('a request skips a row another transaction holds instead of waiting for it', async () => {
    await makeStale();
    const total = await stored('true');
    expect(total).toBeGreaterThan(3);
    let release: () => void = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    let held = '';
    let holding: () => void = () => {};
    const isHolding = new Promise<void>((r) => {
      holding = r;
    });
    const holder = fresh.database.withTx(async (tx) => {
      const [row] = await queryRows<{ student_id: string }>(
        tx,
        sql`select student_id from student_indicators where semester_id = ${semester.id} limit 1 for update`,
      );
      held = row.student_id;
      holding();
      await released;
    });
    await isHolding;
    const refreshed = await Promise.race([
      fresh.database.withTx((tx) => ensureFlagCountsIn(tx, semester, [root])).then(() => 'done'),
      new Promise((r) => setTimeout(() => r('waited'), 5000)),
    ]);
    release();
    await holder;
    expect(refreshed).toBe('done');
    expect(await stored(`student_id = '${held}' and flag_count = 9`)).toBe(1);
    expect(await stored('flag_count = 9')).toBe(1);
  });

  it('the job and requests over overlapping scopes all finish, and every count is current', async () => {
    const schools = await fresh.database.read((db) =>
      queryRows<{ path: string }>(
        db,
        sql`select path from organisations where type = 'school' order by path`,
      ),
    );
    for (let round = 0; round < 5; round++) {
      await makeStale();
      const results = await Promise.allSettled([
        fresh.database.withTx((tx) => ensureFlagCounts(tx, semester), { longStatements: true }),
        fresh.database.withTx((tx) => ensureFlagCountsIn(tx, semester, [root])),
        fresh.database.withTx((tx) => ensureFlagCountsIn(tx, semester, schools.map((s) => s.path).reverse())),
        fresh.database.withTx((tx) => ensureFlagCountsIn(tx, semester, [schools[0].path])),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await stored('flag_count = 9')).toBe(0);
    }
  });
});
