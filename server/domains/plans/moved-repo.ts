import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { type StudentScope, studentVisible } from '../students/index.ts';
import { insertEvent } from './repo.ts';

/** The statuses of a plan still running (or on its way); a move ends them. */
export const OPEN_PLAN_STATUSES = [
  'draft',
  'in_approval',
  'approved',
  'in_progress',
  'paused',
  'under_revision',
];

/**
 * A student left `schoolId`: its plans of the student stay there, marked moved out, with the class the
 * student had; the open ones are closed (their sessions and payments stay). Returns the plans ended.
 */
export async function endPlansOfMovedStudent(
  db: Db,
  move: { studentId: string; schoolId: string; classLabel: string; at: Date; actorId: string | null },
): Promise<{ id: string; status: string }[]> {
  const open = await queryRows<{ id: string; status: string }>(
    db,
    sql`select id, status from plans where student_id = ${move.studentId} and school_id = ${move.schoolId}
        and moved_out_at is null and status in ${OPEN_PLAN_STATUSES} order by id for update`,
  );
  for (const p of open)
    await insertEvent(db, {
      planId: p.id,
      actorId: move.actorId,
      action: 'end_moved',
      fromStatus: p.status,
      toStatus: 'closed',
    });
  await db.execute(
    sql`update plans set status = case when status in ${OPEN_PLAN_STATUSES} then 'closed' else status end,
          approval_level = case when status in ${OPEN_PLAN_STATUSES} then null else approval_level end,
          level_since = case when status in ${OPEN_PLAN_STATUSES} then null else level_since end,
          moved_out_at = ${move.at.toISOString()}::timestamptz, class_label = ${move.classLabel},
          updated_at = ${move.at.toISOString()}::timestamptz
        where student_id = ${move.studentId} and school_id = ${move.schoolId}
          and moved_out_at is null and status <> 'deleted'`,
  );
  return open;
}

/**
 * SQL condition on plans `p`: the caller sees the student now (then every plan of the student, the
 * old schools' ones included), or the plan was left behind by a move at a school the caller sees
 * whole (that school keeps its own history; staff assigned there lost the student with the move).
 */
export function planVisible(scope: StudentScope): SQL {
  // A correlated EXISTS (one index lookup per plan), not `p.student_id in (select …)`: at national
  // scope the subquery's 220,000 ids outgrow work_mem, and PostgreSQL then reran it for every plan.
  return sql`(exists (select 1 from students join organisations on organisations.id = students.school_id
      where students.id = p.student_id and ${studentVisible(scope)})
    or (p.moved_out_at is not null and p.school_id in (select fo.id from organisations fo where ${pathInScope(sql`fo.path`, scope.wholePaths)}))
    or ${providesOnPlan(scope)})`;
}

/**
 * SQL condition on plans `p`: the caller provides a live measure of the plan (removed measures do not
 * count), the plan is not left behind by a move, and the student's school is under one of the caller's
 * assigned-only grants — the plan page's rule (planView: the people a running plan names see it).
 */
export function providesOnPlan(scope: StudentScope): SQL {
  if (scope.assignedPaths.length === 0) return sql`false`;
  return sql`(p.moved_out_at is null
    and exists (select 1 from plan_measure_providers pr join plan_measures pm on pm.plan_id = pr.plan_id and pm.id = pr.measure_id
      where pr.plan_id = p.id and pr.user_id = ${scope.userId} and pm.removed_at is null)
    and exists (select 1 from students ps join organisations po on po.id = ps.school_id
      where ps.id = p.student_id and ${pathInScope(sql`po.path`, scope.assignedPaths)}))`;
}
