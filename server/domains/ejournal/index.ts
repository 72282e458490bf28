/** The e-journal's public module: its actions. No other domain uses the e-journal today. */

/** For a student's chronology: the legal-duty line passed and the municipality informed, per semester. */
export { findLegalDutyHistory, type LegalDutyHistoryRow } from './chronology-repo.ts';
/**
 * For letters to guardians: the legal-duty threshold and a student's unjustified lessons; for tasks:
 * legal duties not yet reported (the legal_duty system task).
 */
export {
  countUnjustifiedLessons,
  findUnreportedLegalDuties,
  LEGAL_DUTY_UNJUSTIFIED_LESSONS,
} from './legal-duty-repo.ts';
export {
  EJOURNAL_ENTER,
  EJOURNAL_IMPORT,
  LEGAL_DUTY_RECORD,
  THRESHOLDS_MANAGE,
  WATCH_LIST_VIEW,
} from './policy.ts';
/** For the demo seed and the watch-list benchmark, which write e-journal data without a request. */
export {
  type AttendanceRow,
  type BehaviourRow,
  type MarkRow,
  ofSchool,
  refreshIndicators,
  upsertAttendance,
  upsertBehaviour,
  upsertMarks,
} from './repo.ts';
export { refreshFor } from './service.ts';
export { getWatchList, getWatchListSummary, refreshFlagDays } from './watch-list.ts';
// The stored flag counts' refreshes: the job's whole-semester one and a request's for its scope
// (test/instances/flag-count-locks.test.ts runs them at once on PostgreSQL).
export { ensureFlagCounts, ensureFlagCountsIn } from './flag-count-repo.ts';
/**
 * For the flag validation report and the risk score (issue 15): the flags as one pure rule, and the
 * SQL columns and joins that give a semester's indicators the attendance rate and thresholds in force.
 */
export {
  DEFAULT_FLAG_SETTINGS,
  type FlagInputs,
  type FlagSettings,
  flagCondition,
  raisedFlags,
} from './flag-rules.ts';
export { flagInputColumns, thresholdJoins } from './flag-count-repo.ts';
