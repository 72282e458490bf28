import { asc, desc, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { encodeCursor, type TCursorPayload } from '../../common/api/cursor.ts';
import { AppError } from './errors.ts';

/**
 * Keyset pagination: a list's order as keys, the SQL that continues after a cursor, and the cursor
 * of a page's last row. Every key is read back as text (`expr::text`) and compared after a cast to
 * its kind, so a timestamp keeps its microseconds and a Latvian sort key compares as it sorts.
 */

/** How a key's value is written in a cursor and cast back for the comparison. */
export type KeyKind = 'text' | 'int' | 'bigint' | 'uuid' | 'timestamptz' | 'date';

/** One ORDER BY term. The expression must never be NULL (wrap nullable columns in `coalesce`). */
export interface SortKey {
  expr: SQLWrapper;
  dir: 'asc' | 'desc';
  kind: KeyKind;
}

/** A list's order for one sort and direction; `id` is the last, unique key. */
export interface Keyset {
  list: string;
  sort: string;
  dir: 'asc' | 'desc';
  keys: SortKey[];
  id: SortKey;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:[+-](\d{2})(?::[0-5]\d){0,2})?$/;

/** Whether a timestamp as PostgreSQL writes it (`2026-09-01 08:00:00.123456+00`) is a real moment. */
function isTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offset] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    !(offset > 15)
  );
}

/** Whether `value` can stand for a key of `kind` (else the database would refuse the cast: a 500). */
export function validKeyValue(kind: KeyKind, value: string): boolean {
  switch (kind) {
    case 'text':
      return !value.includes('\u0000');
    case 'int':
      return /^-?\d{1,9}$/.test(value);
    case 'bigint':
      return /^\d{1,18}$/.test(value);
    case 'uuid':
      return UUID.test(value);
    case 'timestamptz':
      return isTimestamp(value);
    case 'date':
      return value === '-infinity' || isTimestamp(`${value} 00:00:00`);
  }
}

/** The 400 for a cursor that does not fit the list (same answer as a malformed one). */
export const invalidCursor = () =>
  new AppError(400, 'validation', [{ path: 'cursor', message: 'cursor_invalid' }]);

const all = (ks: Keyset) => [...ks.keys, ks.id];

/** ORDER BY terms of the keyset. */
export function keysetOrder(ks: Keyset): SQL[] {
  return all(ks).map((k) => (k.dir === 'desc' ? desc(k.expr) : asc(k.expr)));
}

/** Columns to select beside the row: each key as text (`_k0`…) and the id (`_id`), for the next cursor. */
export function keysetColumns(ks: Keyset): Record<string, SQL<string>> {
  const columns: Record<string, SQL<string>> = {};
  ks.keys.forEach((k, i) => {
    columns[`_k${i}`] = sql<string>`(${k.expr})::text`;
  });
  columns._id = sql<string>`(${ks.id.expr})::text`;
  return columns;
}

/** The same columns as an SQL select-list fragment (for lists written as raw SQL). */
export function keysetSelect(ks: Keyset): SQL {
  return sql.join(
    Object.entries(keysetColumns(ks)).map(([name, expr]) => sql`${expr} as ${sql.identifier(name)}`),
    sql`, `,
  );
}

function castValue(kind: KeyKind, value: string): SQL {
  if (kind === 'text') return sql`${value}`;
  return sql`${value}::${sql.raw(kind)}`;
}

/**
 * The condition "after the cursor's row" in the keyset's order. One direction: a row comparison
 * `(k1, k2, id) > ($1, $2, $3)` an index on the same columns serves; mixed directions: the first key
 * bounds the range (`k1 >= $1`) and a nested OR decides ties. A cursor whose values do not fit the
 * keys' kinds is a 400; its values only move the start point — the caller's scope stays in WHERE.
 */
export function keysetAfter(ks: Keyset, cursor: TCursorPayload): SQL {
  if (cursor.l !== ks.list || cursor.s !== ks.sort || cursor.d !== ks.dir) throw invalidCursor();
  const keys = all(ks);
  const values = [...cursor.k, cursor.id];
  if (values.length !== keys.length || keys.some((k, i) => !validKeyValue(k.kind, values[i])))
    throw invalidCursor();
  const cast = keys.map((k, i) => castValue(k.kind, values[i]));
  const expr = keys.map((k) => sql`(${k.expr})`);
  if (keys.every((k) => k.dir === keys[0].dir)) {
    const op = sql.raw(keys[0].dir === 'desc' ? '<' : '>');
    return sql`(${sql.join(expr, sql`, `)}) ${op} (${sql.join(cast, sql`, `)})`;
  }
  const strict = (i: number) => sql.raw(keys[i].dir === 'desc' ? '<' : '>');
  let tail = sql`${expr[keys.length - 1]} ${strict(keys.length - 1)} ${cast[keys.length - 1]}`;
  for (let i = keys.length - 2; i >= 0; i--)
    tail = sql`(${expr[i]} ${strict(i)} ${cast[i]} or (${expr[i]} = ${cast[i]} and ${tail}))`;
  const bound = sql.raw(keys[0].dir === 'desc' ? '<=' : '>=');
  return sql`(${expr[0]} ${bound} ${cast[0]} and ${tail})`;
}

/** Rows to skip: none after a cursor, else the offset of `page` (1 when neither is given). */
export function pageOffset(q: { page?: number; pageSize: number; cursor?: unknown }): number {
  return q.cursor ? 0 : ((q.page ?? 1) - 1) * q.pageSize;
}

type KeyColumns = { _id: string } & Record<`_k${number}`, string>;

/**
 * A page from rows fetched with `LIMIT pageSize + 1`: the first `pageSize` rows without the key
 * columns, and the cursor after the last of them when a further row exists.
 */
export function keysetPage<T extends object>(
  ks: Keyset,
  rows: T[],
  pageSize: number,
): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, pageSize);
  const last = page.at(-1) as unknown as KeyColumns | undefined;
  const nextCursor =
    rows.length > pageSize && last
      ? encodeCursor({
          l: ks.list,
          s: ks.sort,
          d: ks.dir,
          k: ks.keys.map((_, i) => String(last[`_k${i}`])),
          id: String(last._id),
        })
      : null;
  return { rows: page.map((r) => stripKeys(r)), nextCursor };
}

function stripKeys<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) if (!/^_(k\d+|id)$/.test(name)) out[name] = value;
  return out as T;
}
