import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testTarget } from '../../../test/database.ts';
import { type Config, loadConfig } from '../config.ts';
import { backupDatabase, restoreDatabase } from './command.ts';
import { BackupRefused, encodeHeader, type Manifest, readHeader, type TableSum } from './manifest.ts';
import { pgliteDir, readPgliteState } from './pglite.ts';
import { postgresSums } from './postgres.ts';

const SLOW = 180_000;
const work = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-backup-test-'));
const quiet = () => undefined;
let source: TestDatabase;
let sourceConfig: Config;
/** Empty databases made for restores (PostgreSQL names), dropped at the end. */
const madeDatabases: string[] = [];
let emptyCounter = 0;

/** A configuration pointing at a new, empty target of the same kind as the test's database. */
async function emptyTarget(): Promise<Config> {
  emptyCounter += 1;
  if (testTarget() === 'pglite')
    return loadConfig({
      databaseUrl: null,
      dataDir: path.join(work, `target-${emptyCounter}`),
      logLevel: 'silent',
    });
  const base = process.env.TEST_DATABASE_URL as string;
  // A unique name (not a time: the test clock may be moved): random, with the process id and a counter.
  const name = `pumpurs_bk_${process.pid}_${randomBytes(4).toString('hex')}_${emptyCounter}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  madeDatabases.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return loadConfig({ databaseUrl: url.toString(), logLevel: 'silent' });
}

/** Per-table counts and checksums of a configured database, computed in SQL now. */
async function sumsOf(config: Config): Promise<TableSum[]> {
  if (config.databaseUrl) return postgresSums(config.databaseUrl);
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create(pgliteDir(config.dataDir));
  try {
    return (await readPgliteState(client)).tables;
  } finally {
    await client.close();
  }
}

/** A copy of the backup with `change` applied to its bytes. */
function alteredCopy(file: string, name: string, change: (bytes: Buffer) => Buffer): string {
  const out = path.join(work, name);
  writeFileSync(out, change(readFileSync(file)));
  return out;
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (err instanceof BackupRefused) return err.message;
    throw err;
  }
  throw new Error('the restore was not refused');
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe(`backup and restore (${testTarget()})`, () => {
  const file = path.join(work, 'demo.pumpurs-backup');
  let manifest: Manifest;
  let restoredInto: Config;

  beforeAll(async () => {
    source = await createTestDatabase();
    // PGlite is one process's database: the backup opens the folder itself, as with a stopped app.
    if (testTarget() === 'pglite') await source.database.close();
    sourceConfig = source.env.DATABASE_URL
      ? loadConfig({ databaseUrl: source.env.DATABASE_URL, logLevel: 'silent' })
      : loadConfig({ databaseUrl: null, dataDir: source.env.PUMPURS_DATA_DIR, logLevel: 'silent' });
    manifest = await backupDatabase(sourceConfig, file, quiet);
  }, SLOW);

  afterAll(async () => {
    if (testTarget() === 'pglite') rmSync(source.env.PUMPURS_DATA_DIR, { recursive: true, force: true });
    else await source.drop();
    if (madeDatabases.length) {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      for (const name of madeDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(work, { recursive: true, force: true });
  }, SLOW);

  it(
    'restores the demo into an empty database with every table’s row count and checksum equal',
    async () => {
      restoredInto = await emptyTarget();
      await restoreDatabase(restoredInto, file, false, quiet);
      const [before, after] = [await sumsOf(sourceConfig), await sumsOf(restoredInto)];
      expect(before.length).toBeGreaterThan(40);
      expect(before.find((t) => t.table === 'public.students')?.rows).toBeGreaterThan(0);
      expect(before.find((t) => t.table === 'drizzle.__drizzle_migrations')?.rows).toBe(
        manifest.migration.count,
      );
      expect(after).toEqual(before);
      expect(manifest.tables).toEqual(before);
    },
    SLOW,
  );

  it('writes a manifest naming the kind, the migration level and the payload, readable by its owner only', async () => {
    const { manifest: read } = await readHeader(file);
    expect(read).toEqual(manifest);
    expect(read.kind).toBe(testTarget());
    expect(read.migration.lastTag).toMatch(/^\d{4}_/);
    expect(read.payload.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { mode } = await import('node:fs').then((fs) => fs.statSync(file));
    expect(mode & 0o077).toBe(0);
  });

  it('refuses a corrupted file and leaves the target untouched', async () => {
    const corrupt = alteredCopy(file, 'corrupt', (b) => {
      const copy = Buffer.from(b);
      const at = copy.length - 1000;
      copy[at] = copy[at] ^ 0xff;
      return copy;
    });
    const target = await emptyTarget();
    expect(await refusal(() => restoreDatabase(target, corrupt, false, quiet))).toMatch(/corrupt/);
    if (!target.databaseUrl) expect(existsSync(pgliteDir(target.dataDir))).toBe(false);
    else expect(await sumsOf(target)).toEqual([]);
  });

  it('refuses a truncated file, also when the cut falls inside the manifest', async () => {
    const target = await emptyTarget();
    const cut = alteredCopy(file, 'truncated', (b) => b.subarray(0, b.length - 4096));
    expect(await refusal(() => restoreDatabase(target, cut, false, quiet))).toMatch(/truncated/);
    const header = encodeHeader(manifest).length;
    const cutHead = alteredCopy(file, 'truncated-head', (b) => b.subarray(0, header - 20));
    expect(await refusal(() => restoreDatabase(target, cutHead, false, quiet))).toMatch(/cut off|truncated/);
    const notOurs = alteredCopy(file, 'not-ours', () => Buffer.from('PGDMP something else\n'));
    expect(await refusal(() => restoreDatabase(target, notOurs, false, quiet))).toMatch(
      /not a Pumpurs backup/,
    );
  });

  it('refuses a file from a newer migration level', async () => {
    const newer: Manifest = {
      ...manifest,
      migration: {
        count: manifest.migration.count + 1,
        lastWhen: manifest.migration.lastWhen + 1,
        lastTag: '9999_future',
      },
    };
    const future = alteredCopy(file, 'future', (b) => {
      const oldHeader = encodeHeader(manifest).length;
      return Buffer.concat([encodeHeader(newer), b.subarray(oldHeader)]);
    });
    const target = await emptyTarget();
    expect(await refusal(() => restoreDatabase(target, future, false, quiet))).toMatch(
      /newer version.*9999_future/,
    );
  });

  it(
    'refuses to overwrite a database holding data unless --force, then replaces it whole',
    async () => {
      const message = await refusal(() => restoreDatabase(restoredInto, file, false, quiet));
      expect(message).toMatch(/already holds data.*--force/);
      await restoreDatabase(restoredInto, file, true, quiet);
      expect(await sumsOf(restoredInto)).toEqual(manifest.tables);
    },
    SLOW,
  );

  it(
    'answers on the command line with exit code 1 and a reason, without row data',
    async () => {
      const target = await emptyTarget();
      const env: Record<string, string> = target.databaseUrl
        ? { DATABASE_URL: target.databaseUrl }
        : { PUMPURS_DATA_DIR: target.dataDir };
      const cut = alteredCopy(file, 'truncated-cli', (b) => b.subarray(0, b.length - 10));
      const refused = await cli(['restore', cut], env);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/truncated/);
      const usage = await cli(['restore'], env);
      expect(usage.code).toBe(2);
    },
    SLOW,
  );
});
