import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BackupRefused, differingTables, type OpenedBackup, type TableSum } from './manifest.ts';
import {
  databaseMigrationLevel,
  holdsData,
  type RunSql,
  STABLE_TEXT_SETTINGS,
  tableSums,
} from './table-sums.ts';

/** pg_dump or pg_restore: from PUMPURS_PG_BIN (e.g. /usr/lib/postgresql/15/bin) if set, else PATH. */
function binary(name: 'pg_dump' | 'pg_restore'): string {
  const dir = process.env.PUMPURS_PG_BIN;
  return dir ? path.join(dir, name) : name;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: NodeJS.ReadableStream,
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < 100_000) stderr += c.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT')
        reject(
          new BackupRefused(
            `${path.basename(command)} was not found (${command}). Install the PostgreSQL client tools of the server's major version (Debian: apt-get install postgresql-client-15) or set PUMPURS_PG_BIN to their folder.`,
          ),
        );
      else reject(err);
    });
    if (stdin && child.stdin) {
      // pg_restore stopping early (an error) closes its input: that is reported by its exit code.
      child.stdin.on('error', () => undefined);
      stdin.pipe(child.stdin);
    }
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The major version a PostgreSQL client tool reports (`pg_dump (PostgreSQL) 15.20 …` → 15). */
async function toolMajor(name: 'pg_dump' | 'pg_restore'): Promise<number> {
  const out = await run(binary(name), ['--version'], process.env);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(out.stdout);
  if (out.code !== 0 || !match)
    throw new BackupRefused(`${binary(name)} --version did not answer as expected.`);
  return Number(match[1]);
}

/**
 * What the client tools get: the URL without its password (command lines are visible to other
 * users of the machine) and the password in PGPASSWORD.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/**
 * A tool's error output as it may be printed: "error" lines only, with quoted values (which can
 * be a row's data, e.g. a duplicate key) and DETAIL/CONTEXT lines left out.
 */
export function safeToolErrors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => /error/i.test(l) && !/^\s*(DETAIL|CONTEXT|LINE|HINT)/.test(l))
    .map((l) => l.replace(/"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g, '…').slice(0, 300))
    .slice(0, 10)
    .join('\n');
}

const sqlOn =
  (client: pg.Client): RunSql =>
  async (sql) =>
    (await client.query(sql)).rows as Record<string, unknown>[];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((err: Error & { code?: string }) => {
    throw new BackupRefused(`Cannot connect to the database in DATABASE_URL (${err.code ?? err.message}).`);
  });
  return client;
}

/**
 * `pg_dump -Fc` of DATABASE_URL into `dumpFile`, with the row counts and checksums read in the
 * very snapshot pg_dump dumps (exported from a repeatable-read transaction kept open meanwhile),
 * so the manifest describes exactly the dumped rows while the app keeps writing.
 */
export async function dumpPostgres(url: string, dumpFile: string) {
  const pgDumpMajor = await toolMajor('pg_dump');
  const client = await connect(url);
  try {
    const serverMajor = Math.floor(
      Number((await client.query('show server_version_num')).rows[0].server_version_num) / 10_000,
    );
    if (pgDumpMajor < serverMajor)
      throw new BackupRefused(
        `pg_dump ${pgDumpMajor} cannot dump a PostgreSQL ${serverMajor} server: install postgresql-client-${serverMajor} (or set PUMPURS_PG_BIN).`,
      );
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = String((await client.query('select pg_export_snapshot() as s')).rows[0].s);
    const sql = sqlOn(client);
    for (const s of STABLE_TEXT_SETTINGS) await sql(s);
    const sumsStarted = performance.now();
    const tables = await tableSums(sql);
    const migration = await databaseMigrationLevel(sql);
    const { dbname, env } = connection(url);
    const dumpStarted = performance.now();
    const dumped = await run(
      binary('pg_dump'),
      ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', `--file=${dumpFile}`, `--dbname=${dbname}`],
      env,
    );
    await client.query('COMMIT');
    if (dumped.code !== 0) throw new BackupRefused(`pg_dump failed:\n${safeToolErrors(dumped.stderr)}`);
    const phases = {
      checksums: (dumpStarted - sumsStarted) / 1000,
      pg_dump: (performance.now() - dumpStarted) / 1000,
    };
    return { state: { tables, migration, postgres: { serverMajor, pgDumpMajor } }, phases };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Row counts and checksums of DATABASE_URL now. */
export async function postgresSums(url: string): Promise<TableSum[]> {
  const client = await connect(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const sql = sqlOn(client);
    for (const s of STABLE_TEXT_SETTINGS) await sql(s);
    const sums = await tableSums(sql);
    await client.query('COMMIT');
    return sums;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Restores a `pg_dump -Fc` payload into DATABASE_URL with pg_restore in one transaction
 * (`--clean --if-exists`: all of it or nothing), then checks the restored rows against the manifest.
 */
export async function restorePostgres(
  file: string,
  opened: OpenedBackup,
  url: string,
  force: boolean,
): Promise<{ tables: TableSum[]; phases: Record<string, number> }> {
  const restoreMajor = await toolMajor('pg_restore');
  const dumpedWith = opened.manifest.postgres?.pgDumpMajor ?? 0;
  if (restoreMajor < dumpedWith)
    throw new BackupRefused(
      `pg_restore ${restoreMajor} cannot read a dump made by pg_dump ${dumpedWith}: install postgresql-client-${dumpedWith}.`,
    );
  const client = await connect(url);
  try {
    if (!force && (await holdsData(sqlOn(client))))
      throw new BackupRefused(
        'The database in DATABASE_URL already holds data; restore replaces it only with --force (or restore into a new, empty database).',
      );
    const level = await databaseMigrationLevel(sqlOn(client));
    if (level.lastWhen > opened.manifest.migration.lastWhen)
      throw new BackupRefused(
        `The database in DATABASE_URL is at a later migration (${level.lastTag ?? level.count}) than the backup (${opened.manifest.migration.lastTag ?? opened.manifest.migration.count}): restore into a new, empty database instead.`,
      );
  } finally {
    await client.end().catch(() => undefined);
  }
  const { dbname, env } = connection(url);
  const restoreStarted = performance.now();
  const restored = await run(
    binary('pg_restore'),
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`],
    env,
    createReadStream(file, { start: opened.payloadOffset }),
  );
  if (restored.code !== 0)
    throw new BackupRefused(
      `pg_restore failed; nothing was changed (one transaction):\n${safeToolErrors(restored.stderr)}`,
    );
  const sumsStarted = performance.now();
  const tables = await postgresSums(url);
  const phases = {
    pg_restore: (sumsStarted - restoreStarted) / 1000,
    checksums: (performance.now() - sumsStarted) / 1000,
  };
  const differing = differingTables(opened.manifest.tables, tables);
  if (differing.length)
    throw new BackupRefused(
      `The restored database differs from the manifest in ${differing.length} table(s): ${differing.slice(0, 10).join(', ')}.`,
    );
  return { tables, phases };
}
