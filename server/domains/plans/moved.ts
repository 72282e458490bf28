import type { RequestContext } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import * as repo from './moved-repo.ts';

/**
 * The plans' side of a move: the old school's open plans end ("moved to another school" in their
 * history), every plan of the student there stays with that school, read-only, with the class the
 * student had. Delivered sessions and payments are kept. Called in the move's transaction.
 */
export async function endPlansOnMove(
  ctx: RequestContext,
  move: { studentId: string; fromSchoolId: string; classLabel: string },
  tx: Db,
): Promise<void> {
  const ended = await repo.endPlansOfMovedStudent(tx, {
    studentId: move.studentId,
    schoolId: move.fromSchoolId,
    classLabel: move.classLabel,
    at: now(),
    actorId: ctx.actor?.userId ?? null,
  });
  await writeAuditMany(
    tx,
    ctx,
    ended.map((p) => ({
      action: 'plan.end_moved',
      entityType: 'plan',
      entityId: p.id,
      orgId: move.fromSchoolId,
    })),
  );
}
