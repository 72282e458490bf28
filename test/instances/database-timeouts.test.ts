import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/platform/config.ts';
import {
  type Database,
  isPoolWaitTimeout,
  isStatementTimeout,
  openPostgres,
  queryRows,
} from '../../server/platform/db.ts';
import { createTestDatabase, type TestDatabase } from '../database.ts';
import { TestClient } from '../server.ts';

/**
 * The server's PostgreSQL limits (PGlite has neither a statement timeout nor a pool): a statement
 * past DB_STATEMENT_TIMEOUT_MS is cancelled and the request answers 503 `request_timeout`; a
 * transaction that asks for long statements gets DB_LONG_STATEMENT_TIMEOUT_MS; a request that waits
 * longer than DB_POOL_WAIT_MS for a connection answers 503 `overloaded`.
 */
let fresh: TestDatabase;
let url: string;
const opened: Database[] = [];

beforeAll(async () => {
  fresh = await createTestDatabase();
  url = fresh.env.DATABASE_URL;
});
afterAll(async () => {
  for (const d of opened) await d.close();
  await fresh.drop();
});

async function open(poolSize: number, options: Parameters<typeof openPostgres>[2]): Promise<Database> {
  const database = await openPostgres(url, poolSize, options);
  opened.push(database);
  return database;
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

async function appOn(database: Database) {
  const app = await buildApp({
    config: loadConfig({ logLevel: 'silent', loadDemo: false }),
    database,
    serveClient: false,
  });
  await app.ready();
  return app;
}

describe('statement timeout', () => {
  it('cancels a statement past the timeout, and lets a long-statements transaction run up to the long one', async () => {
    const database = await open(2, { statementTimeoutMs: 300, longStatementTimeoutMs: 5_000 });
    const shown = await database.read((db) =>
      queryRows<{ statement_timeout: string }>(db, sql`show statement_timeout`),
    );
    expect(shown[0].statement_timeout).toBe('300ms');
    const err = await failure(database.read((db) => db.execute(sql`select pg_sleep(1)`)));
    expect(isStatementTimeout(err)).toBe(true);
    await database.withTx((tx) => tx.execute(sql`select pg_sleep(1)`), { longStatements: true });
    // SET LOCAL ended with that transaction: the connection is back to the short timeout.
    for (let i = 0; i < 2; i++)
      expect(
        isStatementTimeout(await failure(database.read((db) => db.execute(sql`select pg_sleep(1)`)))),
      ).toBe(true);
  });

  it('answers 503 request_timeout when a request’s query waits past the timeout', async () => {
    const database = await open(2, { statementTimeoutMs: 300 });
    const app = await appOn(database);
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      const client = new TestClient(app, '10.6.0.1');
      expect((await client.login('koord.s1@demo.pumpurs.lv')).statusCode).toBe(200);
    await client.passSecondFactor();
      await client.passSecondFactor();
      // Another connection holds the users table: the session look-up waits for it.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const res = await client.get('/api/me');
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json().error.code).toBe('request_timeout');
      await locker.query('ROLLBACK');
      expect((await client.get('/api/me')).statusCode).toBe(200);
    } finally {
      await locker.end();
      await app.close();
    }
  });
});

describe('waiting for a pooled connection', () => {
  it('fails after DB_POOL_WAIT_MS, and a request answers 503 overloaded', async () => {
    const database = await open(1, { poolWaitMs: 200 });
    const app = await appOn(database);
    const client = new TestClient(app, '10.6.0.2');
    expect((await client.login('koord.s1@demo.pumpurs.lv')).statusCode).toBe(200);
    await client.passSecondFactor();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    const holder = database.withTx(async () => {
      holding = true;
      await gate;
    });
    try {
      while (!holding) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(isPoolWaitTimeout(await failure(database.read((db) => db.execute(sql`select 1`))))).toBe(true);
      const res = await client.get('/api/me');
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('overloaded');
      release();
      await holder;
      expect((await client.get('/api/me')).statusCode).toBe(200);
    } finally {
      release();
      await holder;
      await app.close();
    }
  });
});
