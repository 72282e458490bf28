import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { queryRows } from '../../platform/db.ts';
import { INVENTORY } from './inventory/index.ts';
import { compareInventory, type DatabaseColumn } from './inventory-check.ts';

let db: TestDatabase;
let columns: DatabaseColumn[];

beforeAll(async () => {
  db = await createTestDatabase();
  // The migrated database itself (not the Drizzle schema), so a hand-written migration is caught.
  columns = await db.database.withTx((tx) =>
    queryRows<DatabaseColumn>(
      tx,
      sql`select table_name as "table", column_name as "column" from information_schema.columns
          where table_schema = 'public' order by table_name, ordinal_position`,
    ),
  );
});
afterAll(() => db.drop());

describe('the data inventory', () => {
  it('lists every column of the migrated database, and no column it does not have', () => {
    expect(columns.length).toBeGreaterThan(500);
    expect(compareInventory(columns)).toEqual([]);
  });

  it('names table.column and the file to edit when a migration adds a column or a table', () => {
    const added = [...columns, { table: 'students', column: 'nickname' }, { table: 'pets', column: 'name' }];
    const problems = compareInventory(added);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^students\.nickname: the column is not in the data inventory — add .*people,screening/,
    );
    expect(problems[1]).toMatch(/^pets\.name: the table is not in the data inventory/);
  });

  it('names a listed column the database does not have', () => {
    const without = columns.filter((c) => !(c.table === 'guardians' && c.column === 'phone'));
    expect(compareInventory(without)).toEqual([
      expect.stringMatching(/^guardians\.phone: listed in the data inventory but not in the database/),
    ]);
  });

  it('gives special-category and secret columns a lawful basis and never "none"', () => {
    for (const t of INVENTORY)
      for (const [column, c] of Object.entries(t.columns)) {
        if (c.subject !== 'none') expect(c.bases, `${t.table}.${column}`).not.toContain('none');
        if (c.category === 'special_category')
          expect(
            c.bases.some((b) => b.startsWith('art9')),
            `${t.table}.${column} is special-category data: add an Art. 9 basis`,
          ).toBe(true);
      }
  });
});
