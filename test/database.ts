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

async function freshPostgres(baseUrl: string): Promise<TestDatabase> {
  const name = `pumpurs_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
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
