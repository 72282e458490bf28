/**
 * The students' public module: loading a student the caller may see, the students' actions and
 * resource type, the reads other domains make in their own transaction, and the move port.
 * Other domains import students only from here.
 */
export { loadVisibleStudent, studentScope } from './access.ts';
export {
  beforeStudentMoves,
  registerStudentMoveHandler,
  type StudentMove,
  type StudentMoveHandler,
} from './move-handlers.ts';
export {
  NOT_A_PREPARER,
  STUDENT_IMPORT,
  STUDENT_MANAGE,
  STUDENT_VIEW,
  STUDENT_VIEW_ASSIGNED,
  type StudentResource,
} from './policy.ts';
/** SQL pieces for another domain's one-statement loaders (the plan loader joins the student in). */
export { assignedUserIdsSql, jsonValue, type StudentRow, summaryColumns } from './repo.ts';
export {
  findAssignedUserIds,
  findStudentById,
  findStudentsByCodes,
  insertStudents,
  type StudentScope,
  studentVisible,
} from './repo.ts';
export { refusedCodeAudit } from './service.ts';
