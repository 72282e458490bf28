import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { classListCsv, classListRows } from '../../../test/fixtures.ts';
import { type Database, openPglite, queryRows } from '../../platform/db.ts';

let testDb: TestDatabase;
let reopened: Database | null = null;
const file = path.join(os.tmpdir(), `pumpurs-interrupt-${process.pid}.csv`);

beforeAll(async () => {
  testDb = await createTestDatabase();
  writeFileSync(file, classListCsv(classListRows(20_000, 9)));
});
afterAll(async () => {
  rmSync(file, { force: true });
  if (reopened && reopened !== testDb.database) {
    await reopened.close();
    rmSync(testDb.env.PUMPURS_DATA_DIR, { recursive: true, force: true });
  } else await testDb.drop();
});

const count = (db: Database) =>
  db
    .read((tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from students`))
    .then((r) => Number(r[0].n));

/** Runs the command-line import and kills it (SIGKILL) as soon as it reports its first progress. */
function importAndKill(env: Record<string, string>): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'import', 'students', '--school', 'ZIEM-S1', file],
      {
        env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && output.includes('progress')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, output }));
  });
}

describe('an import killed half-way', () => {
  it('leaves the database as it was', async () => {
    const before = await count(testDb.database);
    const pglite = Boolean(testDb.env.PUMPURS_DATA_DIR);
    // PGlite is one process's database: hand the folder to the import process.
    if (pglite) await testDb.database.close();
    const { killed, output } = await importAndKill(testDb.env);
    expect(killed, output).toBe(true);
    expect(output).toMatch(/progress \d+\/20000/);
    reopened = pglite ? await openPglite(testDb.env.PUMPURS_DATA_DIR) : testDb.database;
    expect(await count(reopened)).toBe(before);
  }, 180_000);
});
