import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testTarget } from '../../test/database.ts';
import { type Database, openPglite, openPostgres, queryRows } from '../platform/db.ts';
import { loadDemoIfEmpty } from './seed.ts';

// Two instances starting together on one empty database: each has its own connection pool
// (on PGlite, one process holds the database, so both calls share it).
const opened: Database[] = [];
let dropDatabase: (() => Promise<void>) | null = null;
afterAll(async () => {
  for (const d of opened) await d.close();
  await dropDatabase?.();
});

async function twoInstancesOnAnEmptyDatabase(): Promise<[Database, Database]> {
  if (testTarget() === 'pglite') {
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const one = await openPglite(mkdtempSync(path.join(os.tmpdir(), 'pumpurs-demo-lock-')));
    opened.push(one);
    return [one, one];
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `pumpurs_demo_lock_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  const url = new URL(base);
  url.pathname = `/${name}`;
  const a = await openPostgres(url.toString(), 2);
  const b = await openPostgres(url.toString(), 2);
  opened.push(a, b);
  return [a, b];
}

describe('loading the demo', () => {
  it('loads it once when two instances start together on an empty database', async () => {
    const [a, b] = await twoInstancesOnAnEmptyDatabase();
    const results = await Promise.allSettled([loadDemoIfEmpty(a), loadDemoIfEmpty(b)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(results.map((r) => (r as PromiseFulfilledResult<boolean>).value).sort()).toEqual([false, true]);
    const [counts] = await a.read((db) =>
      queryRows<{ nations: number; accounts: number }>(
        db,
        sql`select (select count(*) from organisations where type = 'nation')::int as nations,
                   (select count(*) from users where email = 'admin@demo.pumpurs.lv')::int as accounts`,
      ),
    );
    expect(counts).toEqual({ nations: 1, accounts: 1 });
  }, 600_000);
});
