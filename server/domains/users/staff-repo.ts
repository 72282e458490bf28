import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

/**
 * Active users holding one of `roles` on an organisation under one of `paths` (one row per user
 * and organisation, deepest organisation first), optionally only `userId`: whom a task may be given to.
 */
export async function findStaffInScope(db: Db, paths: string[], roles: readonly string[], userId?: string) {
  if (paths.length === 0 || roles.length === 0) return [];
  return queryRows<{ id: string; name: string; org_id: string; org_name: string; org_path: string }>(
    db,
    sql`select distinct u.id, u.first_name || ' ' || u.last_name as name, o.id as org_id, o.name as org_name,
          o.path as org_path, u.last_name, u.first_name
        from role_grants g join users u on u.id = g.user_id join organisations o on o.id = g.org_id
        where u.active and g.role in ${[...roles]} and ${pathInScope(sql`o.path`, paths)}
          ${userId ? sql`and u.id = ${userId}` : sql``}
        order by u.last_name, u.first_name, o.path desc
        limit 2000`,
  );
}
