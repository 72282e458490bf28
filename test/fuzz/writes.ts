import { sql } from 'drizzle-orm';
import type { Database } from '../../server/platform/db.ts';
import { queryRows } from '../../server/platform/db.ts';

/**
 * Tables that legitimately record a refused request, so a write there after a 4xx is not a bug:
 * - audit_events: every denial (403, out-of-scope 404) is audited by design;
 * - sessions: each request refreshes its session's last use;
 * - login_attempts: a failed sign-in is counted for the rate limit and lockout;
 * - confirmation_attempts: a wrong PIN on the public confirmation link is counted the same way;
 * - idempotency_keys: the answer to a request with an Idempotency-Key is kept for its replay;
 * - import_locks: an upload takes its school's import lock and releases it when the file is refused;
 * - job_runs, report_refreshes: background jobs (a report refresh, a recompute) started by an earlier
 *   accepted request record their progress while later requests run (seen on PostgreSQL, where the
 *   job's writes land during a refused request's window; the fuzz also waits for jobs after each
 *   accepted request, see `jobsIdle`);
 * - second_factor_attempts, password_reset_requests: a wrong code and a reset request are counted
 *   for their rate limits, like sign-in attempts.
 */
export const BOOKKEEPING_TABLES = [
  'audit_events',
  'sessions',
  'login_attempts',
  'confirmation_attempts',
  'idempotency_keys',
  'import_locks',
  'job_runs',
  'report_refreshes',
  'second_factor_attempts',
  'password_reset_requests',
] as const;

/**
 * Puts a row trigger on every other table of the test database that notes, in `fuzz_writes`, each
 * (table, transaction) that inserted, updated or deleted a row. A transaction that rolls back takes
 * its notes with it, so what is left after a request is exactly what it committed.
 */
export async function watchWrites(database: Database): Promise<string[]> {
  return database.withTx(async (tx) => {
    await tx.execute(sql`create table if not exists fuzz_writes (
      id bigserial primary key, tbl text not null, xid bigint not null, unique (tbl, xid))`);
    await tx.execute(sql`create or replace function fuzz_note_write() returns trigger language plpgsql as $$
      begin
        insert into fuzz_writes (tbl, xid) values (TG_TABLE_NAME, txid_current()) on conflict do nothing;
        return null;
      end $$`);
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'fuzz_writes'
          order by table_name`,
    );
    const watched = tables
      .map((t) => t.name)
      .filter((n) => !(BOOKKEEPING_TABLES as readonly string[]).includes(n));
    for (const name of watched) {
      await tx.execute(sql`drop trigger if exists fuzz_write_row on ${sql.identifier(name)}`);
      await tx.execute(
        sql`create trigger fuzz_write_row after insert or update or delete on ${sql.identifier(name)}
            for each row execute function fuzz_note_write()`,
      );
      await tx.execute(sql`drop trigger if exists fuzz_write_truncate on ${sql.identifier(name)}`);
      await tx.execute(
        sql`create trigger fuzz_write_truncate after truncate on ${sql.identifier(name)}
            for each statement execute function fuzz_note_write()`,
      );
    }
    return watched;
  });
}

/** The last write noted so far. */
export async function writeMark(database: Database): Promise<number> {
  const [row] = await database.read((db) =>
    queryRows<{ n: string }>(db, sql`select coalesce(max(id), 0)::text as n from fuzz_writes`),
  );
  return Number(row.n);
}

/**
 * Waits (at most a minute) until no background job is queued or running. An accepted request may
 * start one (a report refresh, a recompute, a refit); on PostgreSQL it runs beside the next requests,
 * so its writes would land in a later refused request's window. Waiting after each accepted request
 * puts them in that request's own window.
 */
export async function jobsIdle(database: Database, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await database.read((db) =>
      queryRows<{ n: string }>(
        db,
        sql`select count(*)::text as n from job_runs where state in ('queued', 'running')`,
      ),
    );
    if (Number(row.n) === 0 || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The tables written since `mark`. */
export async function writtenSince(database: Database, mark: number): Promise<string[]> {
  const rows = await database.read((db) =>
    queryRows<{ tbl: string }>(db, sql`select distinct tbl from fuzz_writes where id > ${mark} order by tbl`),
  );
  return rows.map((r) => r.tbl);
}
