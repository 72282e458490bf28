import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema.ts';

/** The Drizzle handle used by repos: the database itself or an open transaction. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';

/** One database, either embedded PGlite or a PostgreSQL pool, behind the same interface. */
export interface Database {
  kind: DatabaseKind;
  /** Runs `fn` in one transaction; the audit rows it writes commit or roll back with it. */
  withTx<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Runs read-only work outside an explicit transaction. */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQL statements and transactions run inside one `countQueries` call (tests and benchmarks). */
export interface QueryCount {
  /** Statements sent to the database, not counting BEGIN/COMMIT/ROLLBACK. */
  statements: number;
  /** Transactions opened (each costs a BEGIN and a COMMIT round trip on PostgreSQL). */
  transactions: number;
  /** The statements' SQL text, for a failing budget's message. Parameters are never kept. */
  sql: string[];
}

const counting = new AsyncLocalStorage<QueryCount>();

/**
 * Counts the SQL statements that `fn` (e.g. one `app.inject`) causes. Outside a `countQueries`
 * call nothing is counted; the logger hook costs one lookup per statement.
 */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: QueryCount }> {
  const count: QueryCount = { statements: 0, transactions: 0, sql: [] };
  const result = await counting.run(count, fn);
  return { result, count };
}

/**
 * Runs `fn` outside any `countQueries` call: work it starts in the background (a job sent during a
 * request) is not counted against the request that happened to start it.
 */
export function outsideQueryCount<T>(fn: () => T): T {
  return counting.exit(fn);
}

const TX_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;
const countingLogger = {
  logQuery(query: string): void {
    const count = counting.getStore();
    if (!count || TX_CONTROL.test(query)) return;
    count.statements += 1;
    count.sql.push(query);
  },
};

function countTransaction(): void {
  const count = counting.getStore();
  if (count) count.transactions += 1;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations');

/** Serialises work on PGlite, which is a single connection inside this process. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** Opens (creating and migrating if needed) an embedded PGlite database in `dataDir/pglite`. */
export async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = path.join(dataDir, 'pglite');
  mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema, logger: countingLogger }) as unknown as Db;
  await migrate(db as never, { migrationsFolder: MIGRATIONS });
  const queue = new Queue();
  return {
    kind: 'pglite',
    withTx: (fn) => {
      countTransaction();
      return queue.run(() => db.transaction((tx) => fn(tx as unknown as Db)));
    },
    read: (fn) => queue.run(() => fn(db)),
    close: () => queue.run(() => client.close()),
  };
}

/** Connects to PostgreSQL with a pool and applies pending migrations under an advisory lock. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.default.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops (a restart, a terminated backend) is discarded by the
  // pool and the next query opens a new one; without a listener the event would end the process.
  pool.on('error', () => undefined);
  const lockClient = await pool.connect();
  try {
    // Several app instances may start at once: one migrates, the others wait.
    await lockClient.query('SELECT pg_advisory_lock(727274)');
    const lockDb = drizzle(lockClient, { schema });
    await migrate(lockDb, { migrationsFolder: MIGRATIONS });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    lockClient.release();
  }
  const db = drizzle(pool, { schema, logger: countingLogger }) as unknown as Db;
  return {
    kind: 'postgres',
    withTx: (fn) => {
      countTransaction();
      return db.transaction((tx) => fn(tx as unknown as Db));
    },
    read: (fn) => fn(db),
    close: () => pool.end(),
  };
}

/** Opens the database the configuration names: PostgreSQL when a URL is given, else PGlite. */
export function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

/** Rows of a raw SQL query; PGlite and node-postgres both answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
