import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationLevel, TableSum } from './manifest.ts';

/** Runs one SQL statement (no parameters) and returns its rows: PGlite's or a pg client's `query`. */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

/** Rows hashed per group before the groups are hashed: bounds the memory of a 40-million-row table. */
const GROUP_ROWS = 50_000;

/**
 * Session settings under which a row's text is the same in the backed-up and the restored
 * database (time zone and date style change how `timestamptz` prints). Run inside the transaction.
 */
export const STABLE_TEXT_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  'SET LOCAL IntervalStyle = postgres',
  'SET LOCAL extra_float_digits = 1',
];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every ordinary table of the application (schemas public and drizzle) with its primary-key columns. */
async function listTables(run: RunSql): Promise<{ schema: string; table: string; pk: string[] }[]> {
  const rows = await run(`
    select n.nspname as schema, c.relname as table,
      coalesce((select array_agg(a.attname::text order by k.ord)
        from pg_index i
        cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where i.indrelid = c.oid and i.indisprimary), '{}') as pk
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname in ('public', 'drizzle')
    order by 1, 2`);
  return rows.map((r) => ({
    schema: String(r.schema),
    table: String(r.table),
    pk: (r.pk as string[]) ?? [],
  }));
}

/**
 * Per-table row counts and checksums, in SQL: the md5 of each row's text, joined in primary-key
 * order (whole-row order for a table without one) in groups, and the groups' md5s joined in order.
 * Call inside a transaction after STABLE_TEXT_SETTINGS (and, for a dump, in its snapshot).
 */
export async function tableSums(run: RunSql): Promise<TableSum[]> {
  const sums: TableSum[] = [];
  for (const { schema, table, pk } of await listTables(run)) {
    const order = pk.length ? pk.map((c) => `t.${quote(c)}`).join(', ') : 't::text';
    const [row] = await run(`
      with r as (select row_number() over (order by ${order}) - 1 as rn, md5(t::text) as h
                 from ${quote(schema)}.${quote(table)} t),
           g as (select rn / ${GROUP_ROWS} as b, count(*) as n, md5(string_agg(h, '' order by rn)) as h
                 from r group by 1)
      select coalesce(sum(n), 0)::bigint::text as rows, md5(coalesce(string_agg(h, '' order by b), '')) as md5
      from g`);
    sums.push({ table: `${schema}.${table}`, rows: Number(row.rows), md5: String(row.md5) });
  }
  return sums;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** The migrations this build of the app knows (server/db/migrations/meta/_journal.json). */
export function journalEntries(): JournalEntry[] {
  const file = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'db',
    'migrations',
    'meta',
    '_journal.json',
  );
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries;
}

/** The level this build migrates to. */
export function appMigrationLevel(): MigrationLevel {
  const entries = journalEntries();
  const last = entries.at(-1);
  return { count: entries.length, lastWhen: last?.when ?? 0, lastTag: last?.tag ?? null };
}

/** The level a database is at, from Drizzle's record of applied migrations (none: level 0). */
export async function databaseMigrationLevel(run: RunSql): Promise<MigrationLevel> {
  const [exists] = await run(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists?.ok) return { count: 0, lastWhen: 0, lastTag: null };
  const [row] = await run(
    'select count(*)::int as count, coalesce(max(created_at), 0)::text as last from drizzle.__drizzle_migrations',
  );
  const lastWhen = Number(row.last);
  return {
    count: Number(row.count),
    lastWhen,
    lastTag: journalEntries().find((e) => e.when === lastWhen)?.tag ?? null,
  };
}

/** True when the database holds any organisation, user or student (a freshly migrated one does not). */
export async function holdsData(run: RunSql): Promise<boolean> {
  const [row] = await run(`
    select to_regclass('public.organisations') is not null as o,
           to_regclass('public.users') is not null as u,
           to_regclass('public.students') is not null as s`);
  for (const [flag, table] of [
    ['o', 'organisations'],
    ['u', 'users'],
    ['s', 'students'],
  ] as const) {
    if (row[flag] && (await run(`select 1 from public.${table} limit 1`)).length) return true;
  }
  return false;
}
