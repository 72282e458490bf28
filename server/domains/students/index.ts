/**
 * The students' public module: loading a student the caller may see, the students' actions and
 * resource type, the reads other domains make in their own transaction, and the move port.
 * Other domains import students only from here.
 */
export { loadVisibleStudent, studentScope } from './access.ts';
/** For the demo seed, which writes guardians and applications without a request. */
/** The guardians of a student (letters go to one of them). */
export { findGuardian, findGuardians, insertApplications, insertGuardians } from './consent-repo.ts';
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
/**
 * Reads other domains make in their transaction, SQL pieces for their one-statement loaders (the plan
 * loader joins the student in), and the inserts the demo seed and the benchmark use.
 */
export {
  assignedUserIdsSql,
  findAssignedUserIds,
  findStudentById,
  findStudentsByCodes,
  insertAssignment,
  insertStudents,
  jsonValue,
  type NewStudent,
  providerOfStudent,
  type StudentRow,
  type StudentScope,
  studentVisible,
  summaryColumns,
} from './repo.ts';
/** For the lists benchmark (bench/lists-scale.ts), which times the list without HTTP. */
export { listStudents, refusedCodeAudit } from './service.ts';
