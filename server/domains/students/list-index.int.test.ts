import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../../common/api/cursor.ts';
import { moveClockIntoSemester } from '../../../test/calendar.ts';
import { organisationIdsByCode } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { LATVIAN_KEY_ALPHABETS } from '../../platform/collation.ts';
import { queryRows } from '../../platform/db.ts';
import { studentPageQuery } from './repo.ts';

/**
 * The 0016 expression indexes match the student list's query: built on the expression
 * latvianSortKey renders, and usable by the planner for one school's list by name (first page,
 * after a cursor, descending). Beside the repo because it explains the repo's own query.
 */

let server: TestServer;
const c: Record<string, TestClient> = {};
let schools: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1']) c[who] = await server.signIn(who);
  schools = await organisationIdsByCode(c.admin);
});
afterAll(() => server.close());

describe('the 0016 indexes', () => {
  it('are built on the same expression latvianSortKey renders', async () => {
    const rows = await server.database.read((db) =>
      queryRows<{ indexdef: string }>(
        db,
        sql`select indexdef from pg_indexes where indexname = 'students_school_lv_name_idx'`,
      ),
    );
    expect(rows[0].indexdef).toContain(LATVIAN_KEY_ALPHABETS.from);
    expect(rows[0].indexdef).toContain(LATVIAN_KEY_ALPHABETS.to);
  });

  it('serve one school’s student list by name, first page and after a cursor', async () => {
    const [school] = await server.database.read((db) =>
      queryRows<{ path: string }>(db, sql`select path from organisations where id = ${schools['ZIEM-S1']}`),
    );
    const scope = {
      wholePaths: [school.path],
      assignedPaths: [],
      userId: '00000000-0000-4000-8000-000000000000',
    };
    const filter = {
      schoolId: schools['ZIEM-S1'],
      sort: 'name' as const,
      dir: 'asc' as const,
      limit: 50,
      offset: 0,
      revealScope: scope,
    };
    // The demo is loaded without ANALYZE: fresh statistics let the planner see ~700 students a school.
    await server.database.withTx((tx) => tx.execute(sql`analyze students`));
    const cursor = decodeCursor(
      (await c['koord.s1'].get(`/api/students?schoolId=${schools['ZIEM-S1']}`)).json().nextCursor,
    );
    for (const f of [
      filter,
      { ...filter, cursor: cursor ?? undefined },
      { ...filter, dir: 'desc' as const },
    ]) {
      const plan = await server.database.withTx(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${studentPageQuery(tx, scope, f)}`);
      });
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      console.info(`EXPLAIN students by name ${f.dir}${'cursor' in f ? ' after a cursor' : ''}:\n${text}`);
      expect(text).toContain('students_school_lv_name_idx');
      expect(text).not.toMatch(/Sort Key/);
    }
  });
});

describe('the 0030 indexes', () => {
  it('serve a municipality’s student list by class and by grade, both ways, without a sort', async () => {
    const [muni] = await server.database.read((db) =>
      queryRows<{ path: string }>(
        db,
        sql`select m.path from organisations m join organisations s on s.parent_id = m.id
            where s.id = ${schools['ZIEM-S1']}`,
      ),
    );
    const scope = {
      wholePaths: [muni.path],
      assignedPaths: [],
      userId: '00000000-0000-4000-8000-000000000000',
    };
    await server.database.withTx((tx) => tx.execute(sql`analyze students`));
    for (const [sort, dir, index] of [
      ['class', 'asc', 'students_class_sort_asc_idx'],
      ['class', 'desc', 'students_class_sort_desc_idx'],
      ['grade', 'asc', 'students_grade_sort_asc_idx'],
      ['grade', 'desc', 'students_grade_sort_desc_idx'],
    ] as const) {
      const f = { sort, dir, limit: 50, offset: 0, revealScope: scope };
      const plan = await server.database.withTx(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_sort = off`);
        return queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${studentPageQuery(tx, scope, f)}`);
      });
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      expect(text, text).toContain(index);
      expect(text, text).not.toMatch(/Sort Key/);
      // The page the index gives is the page a sort gives.
      const ids = (rows: unknown[]) => rows.map((r) => (r as { id: string }).id);
      const byIndex = await server.database.withTx(async (tx) => {
        await tx.execute(sql`set local enable_sort = off`);
        return ids(await studentPageQuery(tx, scope, f));
      });
      const bySort = await server.database.withTx(async (tx) => {
        await tx.execute(sql`set local enable_indexscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        return ids(await studentPageQuery(tx, scope, f));
      });
      expect(byIndex.length).toBeGreaterThan(10);
      expect(byIndex).toEqual(bySort);
    }
  });
});
