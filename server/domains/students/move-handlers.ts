import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { definePort } from '../../platform/port.ts';

/** A student leaving a school, as those who keep records of the old school need to know it. */
export interface StudentMove {
  studentId: string;
  fromSchoolId: string;
  classLabel: string;
}

/**
 * What other domains do when a student moves, in the move's transaction before the student's
 * school changes (plans: the old school's plans end). Plans build on students, so students call
 * them through this port, which the composition root (server/wiring.ts) fills.
 */
export type StudentMoveHandler = (ctx: RequestContext, move: StudentMove, tx: Db) => Promise<void>;

const port = definePort<StudentMoveHandler>('students: move handler');

export function registerStudentMoveHandler(handler: StudentMoveHandler): void {
  port.provide(handler);
}

export const beforeStudentMoves: StudentMoveHandler = (ctx, move, tx) => port.get()(ctx, move, tx);
