/**
 * The outcomes' public module (issue 14): students' outcomes at the end of a school year. Its table,
 * student_outcomes, is read directly by the reporting read model; other domains import outcomes only
 * from here.
 */
export { OUTCOME_RECORD, OUTCOME_VIEW } from './policy.ts';
/** For the demo: a school's programme students of a year, and storing outcomes. */
export { findProgrammeStudents, type OutcomeValues, upsertOutcomes } from './repo.ts';
