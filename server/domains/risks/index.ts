/**
 * The risks' public module: students' risk records as plans read and carry them over, and the
 * sensitive-risk action. Other domains import risks only from here.
 */

/** For a student's chronology: every risk record, removed ones too. */
export { findRiskHistory, type RiskHistoryRow } from './chronology-repo.ts';
export { STUDENT_RISKS_SENSITIVE } from './policy.ts';
export {
  findActiveRiskOfItem,
  findCatalogue,
  findRiskVersionIdOfRecord,
  findStudentRisks,
  insertStudentRisk,
} from './repo.ts';
