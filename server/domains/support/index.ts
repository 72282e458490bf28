/**
 * Support's public module: the delivery facts plans need (filled into plans' port by the
 * composition root). Other domains import support only from here.
 */

/** For tasks: sessions whose students' confirmation window is about to close (session_confirm). */
export { findSessionsAwaitingConfirmation } from './awaiting-confirmation-repo.ts';
/** For a student's chronology: the sessions the student took part in. */
export { findStudentSessions, type StudentSessionRow } from './chronology-repo.ts';
/** Housekeeping: forgets old failed remote confirmations. */
export { deleteConfirmationAttemptsBefore } from './confirm-repo.ts';
export { findDeliveredHours, planHasDeliveries } from './repo.ts';
