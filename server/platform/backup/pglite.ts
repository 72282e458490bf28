import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { BackupRefused, differingTables, type OpenedBackup, type TableSum } from './manifest.ts';
import {
  databaseMigrationLevel,
  holdsData,
  type RunSql,
  STABLE_TEXT_SETTINGS,
  tableSums,
} from './table-sums.ts';

/** The PGlite folder inside PUMPURS_DATA_DIR (as server/platform/db.ts opens it). */
export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

const runOn =
  (client: PGlite): RunSql =>
  async (sql) =>
    (await client.query<Record<string, unknown>>(sql)).rows;

/** Row counts, checksums and migration level of an open PGlite, read in one transaction. */
export async function readPgliteState(client: PGlite) {
  return client.transaction(async (tx) => {
    const run: RunSql = async (sql) => (await tx.query<Record<string, unknown>>(sql)).rows;
    for (const s of STABLE_TEXT_SETTINGS) await run(s);
    return { tables: await tableSums(run), migration: await databaseMigrationLevel(run) };
  });
}

async function openExisting(dir: string, options: { loadDataDir?: Blob } = {}): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  return PGlite.create(dir, options);
}

/**
 * Backs up the PGlite folder of `dataDir`: a consistent tarball of its data folder (the app must
 * be stopped: PGlite is one process's database) with the checksums read from the same instance.
 */
export async function dumpPglite(dataDir: string) {
  const dir = pgliteDir(dataDir);
  if (!existsSync(path.join(dir, 'PG_VERSION')))
    throw new BackupRefused(`There is no PGlite database in ${dir} (PUMPURS_DATA_DIR).`);
  const client = await openExisting(dir);
  try {
    const state = await readPgliteState(client);
    const tarball = await client.dumpDataDir('gzip');
    return { ...state, payload: Buffer.from(await tarball.arrayBuffer()) };
  } finally {
    await client.close();
  }
}

/** True when `dir` holds a PGlite database with organisations, users or students. */
async function pgliteHoldsData(dir: string): Promise<boolean> {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) return false;
  const client = await openExisting(dir);
  try {
    return await holdsData(runOn(client));
  } finally {
    await client.close();
  }
}

/**
 * Restores a PGlite backup into `dataDir`: unpacks it into a new folder next to the target, reads
 * its checksums there and compares them with the manifest, and only then puts it in place of the
 * old folder (which, with `force`, is removed).
 */
export async function restorePglite(
  file: string,
  opened: OpenedBackup,
  dataDir: string,
  force: boolean,
): Promise<{ tables: TableSum[]; replaced: boolean }> {
  const target = pgliteDir(dataDir);
  const occupied = existsSync(target) && readdirSync(target).length > 0;
  if (occupied && !force && (await pgliteHoldsData(target)))
    throw new BackupRefused(
      `${target} already holds data; restore replaces it only with --force (stop the app first).`,
    );
  const staging = `${target}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const payload = (await readFile(file)).subarray(opened.payloadOffset);
  let tables: TableSum[];
  const client = await openExisting(staging, { loadDataDir: new Blob([payload]) });
  try {
    tables = (await readPgliteState(client)).tables;
  } catch (err) {
    await client.close().catch(() => undefined);
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  await client.close();
  const differing = differingTables(opened.manifest.tables, tables);
  if (differing.length) {
    rmSync(staging, { recursive: true, force: true });
    throw new BackupRefused(
      `The restored copy differs from the manifest in ${differing.length} table(s): ${differing.slice(0, 10).join(', ')}. The old database is untouched.`,
    );
  }
  const old = `${target}.replaced-${process.pid}`;
  if (occupied) renameSync(target, old);
  renameSync(staging, target);
  // The replaced database held personal data: it is not left lying next to the new one.
  if (occupied) rmSync(old, { recursive: true, force: true });
  return { tables, replaced: occupied };
}
