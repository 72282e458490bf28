import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { assignedScopePaths, can, scopePaths } from '../../platform/policy/gate.ts';
import {
  STUDENT_REVEAL_CODE_ASSIGNED,
  STUDENT_REVEAL_CODE_WHOLE,
  STUDENT_VIEW,
  STUDENT_VIEW_ASSIGNED,
  type StudentResource,
} from './policy.ts';
import * as repo from './repo.ts';

/** The caller's student scope for list queries. */
export function studentScope(ctx: RequestContext): repo.StudentScope {
  return {
    wholePaths: scopePaths(ctx.actor, STUDENT_VIEW),
    assignedPaths: assignedScopePaths(ctx.actor, STUDENT_VIEW_ASSIGNED),
    userId: ctx.actor?.userId ?? '00000000-0000-0000-0000-000000000000',
  };
}

/** Where the caller may reveal personal codes, as a list scope (personal-code prefix search). */
export function revealScope(ctx: RequestContext): repo.StudentScope {
  return {
    wholePaths: scopePaths(ctx.actor, STUDENT_REVEAL_CODE_WHOLE),
    assignedPaths: assignedScopePaths(ctx.actor, STUDENT_REVEAL_CODE_ASSIGNED),
    userId: ctx.actor?.userId ?? '00000000-0000-0000-0000-000000000000',
  };
}

/**
 * Whether the caller may reveal the code of every student the list can show: only then may the
 * list be sorted by code (the order of masked codes would otherwise leak their hidden digits).
 */
export function mayRevealWholeList(ctx: RequestContext): boolean {
  const view = studentScope(ctx);
  const reveal = revealScope(ctx);
  const covered = (path: string, by: string[]) => by.some((p) => path.startsWith(p));
  return (
    view.wholePaths.every((p) => covered(p, reveal.wholePaths)) &&
    view.assignedPaths.every((p) => covered(p, [...reveal.wholePaths, ...reveal.assignedPaths]))
  );
}

/** A student the caller may see, with the gate's view of it; 404 (audited) otherwise. */
export async function loadVisibleStudent(
  ctx: RequestContext,
  id: string,
  tx: Db,
): Promise<{ row: repo.StudentRow; resource: StudentResource }> {
  // The record, its school's path and the assigned staff in one statement.
  const found = await repo.findStudentWithAssigned(tx, id);
  if (!found) throw new NotFoundError('student', id);
  const { row } = found;
  const resource: StudentResource = { orgPath: row.schoolPath, assignedUserIds: found.assignedUserIds };
  // The providers of a running plan's live measures see the student too (the plan page's rule), for
  // viewing only: every other action is decided on the assigned staff.
  const viewer: StudentResource = {
    orgPath: row.schoolPath,
    assignedUserIds: [...found.assignedUserIds, ...found.providerUserIds],
  };
  if (!can(ctx.actor, STUDENT_VIEW, resource) && !can(ctx.actor, STUDENT_VIEW_ASSIGNED, viewer))
    throw new NotFoundError('student', id, row.schoolId);
  return { row, resource };
}

/** Like loadVisibleStudent, then 403 unless `action` is allowed on it. */
export async function loadStudentFor(ctx: RequestContext, id: string, action: string, tx: Db) {
  const loaded = await loadVisibleStudent(ctx, id, tx);
  if (!can(ctx.actor, action, loaded.resource)) throw new ForbiddenError('student', id, loaded.row.schoolId);
  return loaded;
}
