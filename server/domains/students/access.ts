import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, scopePaths } from '../../platform/policy/gate.ts';
import { STUDENT_VIEW, STUDENT_VIEW_ASSIGNED, type StudentResource } from './policy.ts';
import * as repo from './repo.ts';

/** The caller's student scope for list queries. */
export function studentScope(ctx: RequestContext): repo.StudentScope {
  return {
    wholePaths: scopePaths(ctx.actor, STUDENT_VIEW),
    assignedPaths: scopePaths(ctx.actor, STUDENT_VIEW_ASSIGNED),
    userId: ctx.actor?.userId ?? '00000000-0000-0000-0000-000000000000',
  };
}

/** A student the caller may see, with the gate's view of it; 404 (audited) otherwise. */
export async function loadVisibleStudent(
  ctx: RequestContext,
  id: string,
  tx: Db,
): Promise<{ row: repo.StudentRow; resource: StudentResource }> {
  const row = await repo.findStudentById(tx, id);
  if (!row) throw new NotFoundError('student', id);
  const assigned = (await repo.findAssignedUserIds(tx, [id])).get(id) ?? [];
  const resource: StudentResource = { orgPath: row.schoolPath, assignedUserIds: assigned };
  if (!can(ctx.actor, STUDENT_VIEW, resource) && !can(ctx.actor, STUDENT_VIEW_ASSIGNED, resource))
    throw new NotFoundError('student', id, row.schoolId);
  return { row, resource };
}

/** Like loadVisibleStudent, then 403 unless `action` is allowed on it. */
export async function loadStudentFor(ctx: RequestContext, id: string, action: string, tx: Db) {
  const loaded = await loadVisibleStudent(ctx, id, tx);
  if (!can(ctx.actor, action, loaded.resource)) throw new ForbiddenError('student', id, loaded.row.schoolId);
  return loaded;
}
