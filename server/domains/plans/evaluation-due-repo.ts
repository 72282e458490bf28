import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** How many days before its semester ends a running plan becomes due for evaluation (a task). */
export const EVALUATION_TASK_DAYS_BEFORE_END = 14;

/** Whose plans to look at: a preparer, or the schools where the caller coordinates. */
interface Filter {
  assigneeUserId?: string;
  grants?: { role: string; orgId: string }[];
}

/**
 * Plans in progress (or paused) at their school whose semester ends within 14 days of `today` or
 * has ended, not yet evaluated: each with its preparer (null when none: the school's coordinators).
 */
export async function findPlansDueForEvaluation(db: Db, today: string, filter: Filter) {
  const all = !filter.assigneeUserId && !filter.grants;
  const coordinated = (filter.grants ?? [])
    .filter((g) => g.role === 'school_coordinator')
    .map((g) => g.orgId);
  const who: SQL[] = [];
  if (filter.assigneeUserId) who.push(sql`p.preparer_id = ${filter.assigneeUserId}`);
  if (coordinated.length > 0) who.push(sql`(p.preparer_id is null and p.school_id in ${coordinated})`);
  if (!all && who.length === 0) return [];
  return queryRows<{
    id: string;
    code: string;
    student_id: string;
    school_id: string;
    preparer_id: string | null;
    ends_on: string;
  }>(
    db,
    sql`select p.id, p.code, p.student_id, p.school_id, p.preparer_id, to_char(s.ends_on, 'YYYY-MM-DD') as ends_on
        from plans p join semesters s on s.id = p.semester_id
        where p.status in ('in_progress', 'paused') and p.moved_out_at is null
          and s.ends_on - ${EVALUATION_TASK_DAYS_BEFORE_END}::int <= ${today}::date
          ${all ? sql`` : sql`and (${sql.join(who, sql` or `)})`}`,
  );
}
