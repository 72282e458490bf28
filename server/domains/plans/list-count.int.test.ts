import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../../common/api/cursor.ts';
import { createTestServer, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';
import { findPlans, findQueue } from './repo.ts';

/**
 * The plans list and the approval queue count their rows up to a cap in the page's own statement (a
 * nation's plans are not counted on every page): exact below the cap, the cap and `totalAtLeast`
 * above it, the same count on a cursor's page and on an empty page past the end.
 */

let server: TestServer;

const independentCount = (where: string) =>
  server.database.read(async (db) => {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql.raw(`select count(*)::int as n from plans p where ${where}`),
    );
    return Number(r.n);
  });

beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

describe('plan list counts', () => {
  it('counts exactly below the cap and says "at least" above it', async () => {
    const all = await independentCount(`p.status <> 'deleted'`);
    expect(all).toBeGreaterThanOrEqual(3);
    await server.database.read(async (db) => {
      const exact = await findPlans(db, sql`true`, { limit: 2, offset: 0 });
      expect(exact).toMatchObject({ total: all, totalAtLeast: false });
      expect(exact.rows).toHaveLength(2);
      const capped = await findPlans(db, sql`true`, { limit: 2, offset: 0, countCap: all - 1 });
      expect(capped).toMatchObject({ total: all - 1, totalAtLeast: true });
      const atCap = await findPlans(db, sql`true`, { limit: 2, offset: 0, countCap: all });
      expect(atCap).toMatchObject({ total: all, totalAtLeast: false });

      const cursor = decodeCursor(exact.nextCursor ?? '');
      expect(cursor).not.toBeNull();
      const next = await findPlans(db, sql`true`, { limit: 2, offset: 0, cursor: cursor ?? undefined });
      expect(next.total).toBe(all);
      expect(next.rows.map((r) => r.id)).not.toContain(exact.rows[0].id);
      const past = await findPlans(db, sql`true`, { limit: 2, offset: all + 10 });
      expect(past).toMatchObject({ rows: [], total: all, totalAtLeast: false });
    });
  });

  it('counts the approval queue the same way', async () => {
    const waiting = await independentCount(
      `p.status = 'in_approval' and p.approval_level in ('director', 'municipality', 'expert')`,
    );
    expect(waiting).toBeGreaterThanOrEqual(2);
    const [{ path: root }] = await server.database.read((db) =>
      queryRows<{ path: string }>(db, sql`select path from organisations order by length(path) limit 1`),
    );
    await server.database.read(async (db) => {
      const scopes = { director: [root], municipality: [root], expert: [root] };
      const q = await findQueue(db, scopes, { limit: 1, offset: 0 });
      expect(q).toMatchObject({ total: waiting, totalAtLeast: false });
      const capped = await findQueue(db, scopes, { limit: 1, offset: 0, countCap: waiting - 1 });
      expect(capped).toMatchObject({ total: waiting - 1, totalAtLeast: true });
    });
  });

  it('gives the API the flag on the plans list and the approval queue', async () => {
    const coordinator = await server.signIn('koord.s1');
    const res = await coordinator.get('/api/plans?pageSize=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ totalAtLeast: false });
    expect(res.json().total).toBeGreaterThanOrEqual(res.json().items.length);
    const director = await server.signIn('direktors.s1');
    const queue = await director.get('/api/approvals?pageSize=1');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toMatchObject({ totalAtLeast: false });
  });
});
