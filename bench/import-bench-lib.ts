import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { freePort, startServer, stopServer } from './lib.ts';

/** What the import benchmarks (import-ratio.ts, classlist-ratio.ts) share: their server, COPY and memory. */

/** Peak resident memory of a process (Linux), in MB. */
export function peakMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** `COPY` of a `;`-separated CSV with a header into `table`; its time in ms. */
export async function copyFile(client: pg.Client, table: string, file: string): Promise<number> {
  const started = performance.now();
  await pipeline(
    createReadStream(file),
    client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)`)),
  );
  return performance.now() - started;
}

export interface ImportBench {
  /** The new database's URL. */
  url: string;
  /** A temporary folder (the upload spool; the benchmark's files). */
  dir: string;
  port: number;
  server: Awaited<ReturnType<typeof startServer>>;
}

/**
 * Makes a database `<prefix>_<time>` on `pgUrl`, starts the app on it (PostgreSQL, the demo loaded,
 * uploads spooled to a temporary folder, V8 old space capped at `heapMb`), runs `fn`, then stops the
 * app and drops the database and the folder.
 */
export async function withImportServer<T>(
  pgUrl: string,
  prefix: string,
  heapMb: number,
  fn: (bench: ImportBench) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, '-')}-`));
  const port = await freePort();
  let server: ImportBench['server'] | null = null;
  try {
    server = await startServer(
      {
        DATABASE_URL: url.toString(),
        PUMPURS_UPLOAD_DIR: dir,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim(),
      },
      port,
    );
    return await fn({ url: url.toString(), dir, port, server });
  } finally {
    if (server) await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
