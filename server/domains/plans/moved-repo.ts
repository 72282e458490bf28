import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import type { StudentScope } from '../students/index.ts';
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
 * whole (that school keeps its own history; staff assigned there lost the student with the move), or
 * the caller provides on the plan.
 *
 * On `p` alone, so the plans list finds a scope's plans by index and counts them without reading a
 * student: a plan not left behind is at its student's school (a move marks the old school's plans
 * `moved_out_at`; the list's page also checks it), so "the student is at a school in scope" is
 * `p.school_id` in scope for those (`plans_school_idx`); only plans left behind elsewhere (few) look
 * up their student. The schools in scope are one array, read once per statement.
 */
export function planVisible(scope: StudentScope): SQL {
  const whole = schoolsUnder(scope.wholePaths);
  return sql`(p.school_id = any(${whole})
    or (p.moved_out_at is not null and exists (select 1 from students ms
      where ms.id = p.student_id and ms.school_id = any(${whole})))
    or ${assignedStudentOfPlan(scope)}
    or ${providesOnPlan(scope)})`;
}

/** The ids of the organisations under `paths`, as one array (an InitPlan index scans can use). */
function schoolsUnder(paths: string[]): SQL {
  return sql`array(select so.id from organisations so where ${pathInScope(sql`so.path`, paths)})`;
}

/** The plan's student is at a school under an assigned-only grant and assigned to the caller. */
function assignedStudentOfPlan(scope: StudentScope): SQL {
  if (scope.assignedPaths.length === 0) return sql`false`;
  return sql`exists (select 1 from students ms join student_assignments sa on sa.student_id = ms.id
    where ms.id = p.student_id and sa.user_id = ${scope.userId}
      and ms.school_id = any(${schoolsUnder(scope.assignedPaths)}))`;
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
