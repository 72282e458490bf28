import { type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../platform/db.ts';

/** How many rows one condition matched, and the oldest or the latest of their `at`. */
export interface RecentCount {
  count: number;
  at: Date | null;
}

/** One condition of `countRecentRows`: which rows, and which of their times the limit needs. */
export interface RecentGroup {
  where: SQL;
  at: 'oldest' | 'latest';
}

/**
 * The attempts a rate limit looks at (sign-in failures, reset requests): for each named condition
 * (the account, the address, both), how many rows of `table` pass `within` and match it, with the
 * time the limit's Retry-After counts from. One query: every count reads the same rows.
 */
export async function countRecentRows<K extends string>(
  db: Db,
  table: PgTable,
  within: SQL,
  groups: Record<K, RecentGroup>,
): Promise<Record<K, RecentCount>> {
  const names = Object.keys(groups) as K[];
  const columns = names.map((name) => {
    const { where, at } = groups[name];
    const edge = sql.raw(at === 'oldest' ? 'min' : 'max');
    return sql`count(*) FILTER (WHERE ${where})::int AS ${sql.identifier(name)},
      ${edge}(at) FILTER (WHERE ${where}) AS ${sql.identifier(`${name}_at`)}`;
  });
  const anyOf = sql.join(
    names.map((name) => sql`(${groups[name].where})`),
    sql` OR `,
  );
  const [row] = await queryRows<Record<string, number | string | null>>(
    db,
    sql`SELECT ${sql.join(columns, sql`, `)} FROM ${table} WHERE ${within} AND (${anyOf})`,
  );
  const counts = {} as Record<K, RecentCount>;
  for (const name of names) {
    const at = row?.[`${name}_at`];
    counts[name] = { count: Number(row?.[name] ?? 0), at: at ? new Date(at) : null };
  }
  return counts;
}
