import {
  chmodSync,
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PROJECT_ROOT } from '../app-root.ts';
import { now, nowMs } from '../clock.ts';
import type { Config } from '../config.ts';
import {
  BackupRefused,
  encodeHeader,
  type Manifest,
  readHeader,
  sha256OfFile,
  verifyPayload,
} from './manifest.ts';
import { dumpPglite, restorePglite } from './pglite.ts';
import { dumpPostgres, restorePostgres } from './postgres.ts';
import { appMigrationLevel } from './table-sums.ts';

export const BACKUP_USAGE = `  npm run cli -- backup FILE                     write a backup of the database (PGlite: stop the app first)
  npm run cli -- restore FILE [--force]          restore a backup into the configured database; a
                                                 database that holds data is replaced only with --force`;

/** What a command prints: lines with counts and names of tables, never a row's content. */
type Print = (line: string) => void;

function appVersion(): string {
  try {
    return String(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

function seconds(since: number): string {
  return ((nowMs() - since) / 1000).toFixed(1);
}

/** " (pg_dump 12.3 s, checksums 4.0 s)": where the time went, for sizing a restore window. */
function phaseText(phases: Record<string, number>): string {
  const parts = Object.entries(phases).map(([name, s]) => `${name} ${s.toFixed(1)} s`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Writes the header and then the payload to `file` through a `.partial` file renamed at the end. */
async function writeBackupFile(file: string, manifest: Manifest, payload: Buffer | string): Promise<void> {
  const partial = `${file}.partial`;
  // The file holds the whole database, personal data included: readable by its owner only.
  const fd = openSync(partial, 'w', 0o600);
  try {
    writeSync(fd, encodeHeader(manifest));
    if (Buffer.isBuffer(payload)) writeSync(fd, payload);
  } finally {
    closeSync(fd);
  }
  if (!Buffer.isBuffer(payload))
    await pipeline(createReadStream(payload), createWriteStream(partial, { flags: 'a' }));
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

/** `backup FILE`: the configured database (PostgreSQL when DATABASE_URL is set, else PGlite). */
export async function backupDatabase(config: Config, file: string, print: Print): Promise<Manifest> {
  const started = nowMs();
  const phases: Record<string, number> = {};
  const base = {
    format: 'pumpurs-backup',
    formatVersion: 1,
    appVersion: appVersion(),
    createdAt: now().toISOString(),
  } as const;
  let manifest: Manifest;
  if (config.databaseUrl) {
    const dumpFile = `${file}.dump-partial`;
    try {
      const { state, phases: dumped } = await dumpPostgres(config.databaseUrl, dumpFile);
      Object.assign(phases, dumped);
      const { sha256, bytes } = await sha256OfFile(dumpFile);
      manifest = { ...base, kind: 'postgres', ...state, payload: { type: 'pg_dump-custom', bytes, sha256 } };
      await writeBackupFile(file, manifest, dumpFile);
    } finally {
      rmSync(dumpFile, { force: true });
    }
  } else {
    const state = await dumpPglite(config.dataDir);
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(state.payload).digest('hex');
    manifest = {
      ...base,
      kind: 'pglite',
      tables: state.tables,
      migration: state.migration,
      payload: { type: 'pglite-datadir-tgz', bytes: state.payload.length, sha256 },
    };
    await writeBackupFile(file, manifest, state.payload);
  }
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  print(
    `Backup written to ${file}: ${manifest.kind}, ${manifest.tables.length} tables, ${rows} rows, migration ${manifest.migration.lastTag ?? manifest.migration.count}, ${manifest.payload.bytes} bytes, ${seconds(started)} s${phaseText(phases)}.`,
  );
  return manifest;
}

/** `restore FILE [--force]`: checks the file whole, then restores it and checks the restored rows. */
export async function restoreDatabase(
  config: Config,
  file: string,
  force: boolean,
  print: Print,
): Promise<Manifest> {
  const started = nowMs();
  const opened = await readHeader(file);
  const { manifest } = opened;
  const target = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.kind !== target)
    throw new BackupRefused(
      `${file} is a ${manifest.kind} backup and the configured database is ${target}; restore it into the same kind.`,
    );
  const app = appMigrationLevel();
  if (manifest.migration.lastWhen > app.lastWhen || manifest.migration.count > app.count)
    throw new BackupRefused(
      `${file} comes from a newer version of Pumpurs (migration ${manifest.migration.lastTag ?? manifest.migration.count}; this one knows up to ${app.lastTag}). Restore it with that version.`,
    );
  const verifyStarted = nowMs();
  await verifyPayload(file, opened);
  const phases: Record<string, number> = { 'file check': (nowMs() - verifyStarted) / 1000 };
  if (config.databaseUrl)
    Object.assign(phases, (await restorePostgres(file, opened, config.databaseUrl, force)).phases);
  else await restorePglite(file, opened, config.dataDir, force);
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  print(
    `Restored ${file} (made ${manifest.createdAt}): ${manifest.tables.length} tables, ${rows} rows, every count and checksum as in the manifest, ${seconds(started)} s${phaseText(phases)}.`,
  );
  const pending = app.count - manifest.migration.count;
  if (pending > 0) print(`The app applies the ${pending} newer migration(s) when it starts.`);
  return manifest;
}

/** The CLI's `backup` and `restore`: exit 0 done, 1 refused or failed (with the reason), 2 usage. */
export async function backupCommand(
  command: 'backup' | 'restore',
  args: string[],
  config: Config,
  print: Print = console.log,
  printError: Print = console.error,
): Promise<number> {
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  const unknown = rest.filter((a) => a.startsWith('--'));
  if (rest.length !== 1 || unknown.length || (command === 'backup' && force)) {
    printError(`Usage:\n${BACKUP_USAGE}`);
    return 2;
  }
  const file = path.resolve(rest[0]);
  try {
    if (command === 'backup') await backupDatabase(config, file, print);
    else await restoreDatabase(config, file, force, print);
    return 0;
  } catch (err) {
    if (err instanceof BackupRefused) {
      printError(err.message);
      return 1;
    }
    throw err;
  }
}
