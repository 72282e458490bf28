import { or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * SQL fragment builders on organisation paths ('/nation/municipality/school/'), shared by every
 * repository that limits rows to a caller's scope. Pure: they run no query.
 */

/** SQL condition: the row's path lies under one of the scope paths. No paths, no rows. */
export function pathInScope(pathColumn: SQLWrapper, scope: string[]): SQL {
  if (scope.length === 0) return sql`false`;
  return or(...scope.map((p) => sql`${pathColumn} LIKE ${`${p}%`}`)) as SQL;
}
