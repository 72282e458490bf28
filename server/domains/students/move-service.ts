import type { TMoveStudentBody } from '../../../common/api/students.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, NotFoundError } from '../../platform/errors.ts';
import { can } from '../../platform/policy/gate.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { findGrantsOfUsers, findUserById, USER_VIEW } from '../users/index.ts';
import { loadStudentFor } from './access.ts';
import * as consentRepo from './consent-repo.ts';
import { beforeStudentMoves } from './move-handlers.ts';
import { STUDENT_ASSIGNED_ROLES, STUDENT_MANAGE } from './policy.ts';
import * as repo from './repo.ts';
import { checkLevel } from './service.ts';

/**
 * Moves a student to another school, in this or another municipality. The record follows the
 * student: from now on only the new school (and those above it) see it; the old school's
 * assigned staff lose access. The old school's plans end and stay with it, read-only (see
 * plans/moved.ts). The move is kept in the student's history.
 */
export async function moveStudent(
  ctx: RequestContext,
  studentId: string,
  input: TMoveStudentBody,
  tx: Db,
): Promise<void> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_MANAGE, tx);
  const target = await findOrganisationById(tx, input.toSchoolId);
  if (!target || target.type !== 'school' || !target.active) throw badRequest('not_a_school', 'toSchoolId');
  if (target.id === row.schoolId) throw badRequest('same_school', 'toSchoolId');
  checkLevel(input.grade, input.course);
  await beforeStudentMoves(ctx, { studentId, fromSchoolId: row.schoolId, classLabel: row.classLabel }, tx);
  await repo.updateStudent(tx, studentId, {
    schoolId: target.id,
    classLabel: input.classLabel,
    grade: input.grade ?? null,
    course: input.course ?? null,
    status: 'enrolled',
    statusDate: null,
    statusReason: null,
  });
  await repo.deleteAssignmentsOfStudent(tx, studentId);
  const moveId = await consentRepo.insertMove(tx, {
    studentId,
    fromSchoolId: row.schoolId,
    toSchoolId: target.id,
    movedOn: input.movedOn,
    reason: input.reason ?? null,
    createdBy: ctx.actor?.userId ?? null,
  });
  // Both schools' audit views show the move.
  await writeAudit(tx, ctx, {
    action: 'student.move_out',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  await writeAudit(tx, ctx, {
    action: 'student.move_in',
    entityType: 'student',
    entityId: studentId,
    orgId: target.id,
  });
  void moveId;
}

/** Assigns a staff member of the student's school (teacher, specialist, plan preparer) to the student. */
export async function assignStaff(
  ctx: RequestContext,
  studentId: string,
  userId: string,
  tx: Db,
): Promise<void> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_MANAGE, tx);
  const user = await findUserById(tx, userId);
  const grants = user ? await findGrantsOfUsers(tx, [userId]) : [];
  const worksThere = grants.some(
    (g) =>
      (STUDENT_ASSIGNED_ROLES as readonly string[]).includes(g.role) &&
      row.schoolPath.startsWith(g.organisationPath),
  );
  if (!user || (!can(ctx.actor, USER_VIEW, { orgPath: user.homeOrganisationPath }) && !worksThere))
    throw new NotFoundError('user', userId);
  if (!worksThere) throw badRequest('not_school_staff', 'userId');
  if (!(await repo.insertAssignment(tx, studentId, userId, ctx.actor?.userId ?? null)))
    throw new AppError(409, 'conflict');
  await writeAudit(tx, ctx, {
    action: 'student.assign',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}

export async function unassignStaff(
  ctx: RequestContext,
  studentId: string,
  userId: string,
  tx: Db,
): Promise<void> {
  const { row } = await loadStudentFor(ctx, studentId, STUDENT_MANAGE, tx);
  const assigned = (await repo.findAssignedUserIds(tx, [studentId])).get(studentId) ?? [];
  if (!assigned.includes(userId)) throw new NotFoundError('student_assignment', userId);
  await repo.deleteAssignment(tx, studentId, userId);
  await writeAudit(tx, ctx, {
    action: 'student.unassign',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
}
