import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { type Database, openPglite, openPostgres } from '../server/platform/db.ts';

/** Where the global set-up leaves a migrated, demo-loaded PGlite data folder to copy per test file. */
export const TEMPLATE_DIR = path.resolve('.tmp', 'pglite-template');

/** Which database this test process runs on (the Vitest project sets it). */
export function testTarget(): 'pglite' | 'postgres' {
  return process.env.PUMPURS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export interface TestDatabase {
  database: Database;
  /** Environment for a child process (CLI) to open the same database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** The PostgreSQL template the global set-up migrates and loads once; test files copy it. */
// Named after the checkout, so two checkouts on one machine (CI and a work tree) never share it.
export const PG_TEMPLATE = `pumpurs_test_template_${createHash('sha1').update(process.cwd()).digest('hex').slice(0, 8)}`;

async function freshPostgres(baseUrl: string): Promise<TestDatabase> {
  const name = `pumpurs_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  // Copying the template is far faster than migrating and loading the demo in every file.
  const template = (await admin.query('select 1 from pg_database where datname = $1', [PG_TEMPLATE])).rowCount
    ? ` TEMPLATE ${PG_TEMPLATE}`
    : '';
  await admin.query(`CREATE DATABASE ${name}${template}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 5);
  await loadDemoIfEmpty(database);
  return {
    database,
    env: { DATABASE_URL: url.toString() },
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      // The pool's last connections may still be saying goodbye: forcing them off mid-way raises an
      // error in this process, so wait (briefly) until they are gone before dropping the database.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function freshPglite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-test-'));
  cpSync(path.join(TEMPLATE_DIR, 'pglite'), path.join(dir, 'pglite'), { recursive: true });
  const database = await openPglite(dir);
  return {
    database,
    env: { PUMPURS_DATA_DIR: dir },
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database of its own for one test file, migrated and loaded with the demo. */
export function createTestDatabase(): Promise<TestDatabase> {
  if (testTarget() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    return freshPostgres(url);
  }
  return freshPglite();
}

/** Creates the PostgreSQL template database (migrated, demo loaded), replacing an old one. */
export async function createPostgresTemplate(baseUrl: string): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
  const url = new URL(baseUrl);
  url.pathname = `/${PG_TEMPLATE}`;
  const database = await openPostgres(url.toString(), 2);
  await loadDemoIfEmpty(database);
  await database.close();
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
    await admin.end();
  };
}
