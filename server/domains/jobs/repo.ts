import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

/** A job of a list, with its organisation's name and path. */
export interface JobListRow {
  id: string;
  name: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  done: string | number;
  total: string | number | null;
  error_code: string | null;
  org_id: string | null;
  org_name: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/**
 * The newest jobs of organisations under `scope`, and the system's own (no organisation) when
 * `withSystem`; newest first. Reads the `(org_id, created_at)` and `created_at` indexes.
 */
export async function findRecentJobs(
  db: Db,
  scope: string[],
  withSystem: boolean,
  limit: number,
): Promise<JobListRow[]> {
  const system = withSystem ? sql`j.org_id is null` : sql`false`;
  return queryRows<JobListRow>(
    db,
    sql`select j.id, j.name, j.state, j.done, j.total, j.error_code, j.org_id, o.name as org_name,
          j.created_at, j.updated_at
        from job_runs j left join organisations o on o.id = j.org_id
        where (${pathInScope(sql`o.path`, scope)}) or (${system})
        order by j.created_at desc, j.id desc
        limit ${limit}`,
  );
}
