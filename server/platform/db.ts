import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema.ts';

/** The Drizzle handle used by repos: the database itself or an open transaction. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';

/** How one transaction runs. */
export interface TxOptions {
  /**
   * The transaction's statements may run up to the long statement timeout (imports, jobs) instead
   * of the server's short one (`SET LOCAL statement_timeout`; PostgreSQL only).
   */
  longStatements?: boolean;
}

/** How busy the connections are: PostgreSQL's pool, or PGlite's one connection and its queue. */
export interface PoolStats {
  /** Connections open (PGlite: 1). */
  total: number;
  /** Open connections not in use. */
  idle: number;
  /** Queries or transactions waiting for a connection. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

/** One database, either embedded PGlite or a PostgreSQL pool, behind the same interface. */
export interface Database {
  kind: DatabaseKind;
  /** Runs `fn` in one transaction; the audit rows it writes commit or roll back with it. */
  withTx<T>(fn: (tx: Db) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Runs read-only work outside an explicit transaction. */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The pool's use now, for load shedding and metrics (absent on test doubles). */
  poolStats?(): PoolStats;
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
  /** Work queued or running. */
  pending = 0;
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const next = this.tail.then(fn, fn).finally(() => {
      this.pending -= 1;
    });
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
    poolStats: () => ({
      total: 1,
      idle: queue.pending === 0 ? 1 : 0,
      waiting: Math.max(0, queue.pending - 1),
      max: 1,
    }),
  };
}

/** PostgreSQL connection settings of a server (the CLI and tests leave them off). */
export interface PostgresOptions {
  /** `statement_timeout` of every connection in ms; 0 or absent: none. */
  statementTimeoutMs?: number;
  /** The statement timeout of `withTx(fn, { longStatements: true })`; 0: none. */
  longStatementTimeoutMs?: number;
  /** How long a query may wait for a pooled connection before it fails; 0 or absent: no limit. */
  poolWaitMs?: number;
}

/** The pool's error when no connection came free within `poolWaitMs` (pg-pool's wording). */
export function isPoolWaitTimeout(error: unknown): boolean {
  const e = error as { message?: unknown; cause?: { message?: unknown } };
  const text = `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
  return text.includes('timeout exceeded when trying to connect');
}

/** SQLSTATEs of a lost or refused connection: class 08, and a server shutting down or starting up (57P01–57P03). */
const CONNECTION_SQLSTATE = /^(08\d{3}|57P0[123])$/;
/** What node-postgres and the OS say when the server went away mid-query or refuses connections. */
const CONNECTION_TEXT =
  /Connection terminated|connection error and is not queryable|ECONNREFUSED|ECONNRESET|EPIPE|ENOTCONN|ETIMEDOUT|EHOSTUNREACH|Client was closed/;

/**
 * Whether `error` means the database cannot be reached (restarting, stopped, the connection cut),
 * not that the request was wrong: the request is answered 503 and may be retried. Looks through
 * Drizzle's wrapper (`cause`) and an AggregateError's parts (a connect to several addresses).
 */
export function isConnectionLost(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (CONNECTION_SQLSTATE.test(e.code) || CONNECTION_TEXT.test(e.code)))
    return true;
  if (typeof e.message === 'string' && CONNECTION_TEXT.test(e.message.split('\nparams:')[0])) return true;
  if (Array.isArray(e.errors) && e.errors.some((part) => isConnectionLost(part, depth + 1))) return true;
  return isConnectionLost(e.cause, depth + 1);
}

/** PostgreSQL's `query_canceled`: the statement timeout (or an administrator) stopped the statement. */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  return e?.code === '57014' || e?.cause?.code === '57014';
}

/** Connects to PostgreSQL with a pool and applies pending migrations under an advisory lock. */
export async function openPostgres(
  url: string,
  poolSize = 10,
  options: PostgresOptions = {},
): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const statementTimeout = Math.max(0, Math.trunc(options.statementTimeoutMs ?? 0));
  const longTimeout = Math.max(0, Math.trunc(options.longStatementTimeoutMs ?? 0));
  const pool = new pg.default.Pool({
    connectionString: url,
    max: poolSize,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    ...(options.poolWaitMs ? { connectionTimeoutMillis: options.poolWaitMs } : {}),
  });
  // An idle connection that the server drops (a restart, a terminated backend) is discarded by the
  // pool and the next query opens a new one; without a listener the event would end the process.
  pool.on('error', () => undefined);
  // A connection checked out for a transaction is not listened to by the pool: when the server
  // goes away between two of its queries the client emits 'error', which without a listener ends
  // the process. With one, the transaction's next query fails (answered 503) and the pool drops
  // the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const lockClient = await pool.connect();
  try {
    // A migration may build an index over the whole country's rows: no statement timeout for it.
    await lockClient.query('SET statement_timeout = 0');
    // Several app instances may start at once: one migrates, the others wait.
    await lockClient.query('SELECT pg_advisory_lock(727274)');
    const lockDb = drizzle(lockClient, { schema });
    await migrate(lockDb, { migrationsFolder: MIGRATIONS });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    // Back to the pool's own setting before the connection serves requests.
    await lockClient.query('RESET statement_timeout').catch(() => undefined);
    lockClient.release();
  }
  const db = drizzle(pool, { schema, logger: countingLogger }) as unknown as Db;
  // Raising the timeout matters only when the connections have one.
  const raise = statementTimeout > 0 ? sql.raw(`SET LOCAL statement_timeout = ${longTimeout}`) : null;
  return {
    kind: 'postgres',
    withTx: (fn, txOptions) => {
      countTransaction();
      return db.transaction(async (tx) => {
        if (raise && txOptions?.longStatements) await tx.execute(raise);
        return fn(tx as unknown as Db);
      });
    },
    read: (fn) => fn(db),
    close: () => pool.end(),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: poolSize,
    }),
  };
}

/**
 * Opens the database the configuration names: PostgreSQL when a URL is given, else PGlite. The
 * server passes its pool size and timeouts; the CLI leaves them off (a long import or the
 * generator must not be cut short).
 */
export function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  postgres?: PostgresOptions;
}): Promise<Database> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.postgres ?? {})
    : openPglite(opts.dataDir);
}

/** Rows of a raw SQL query; PGlite and node-postgres both answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
