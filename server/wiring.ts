import { findPayments } from './domains/budgets/index.ts';
import { registerChronologySource } from './domains/chronology/index.ts';
import { findNoteChronologyEntries } from './domains/notes/index.ts';
import { endPlansOnMove, registerDeliveryFacts } from './domains/plans/index.ts';
import {
  findOverdueReferralTaskCandidates,
  findReferralChronologyEntries,
} from './domains/referrals/index.ts';
import { registerStudentMoveHandler } from './domains/students/index.ts';
import { findDeliveredHours, planHasDeliveries } from './domains/support/index.ts';
import { registerSystemTaskSource } from './domains/tasks/index.ts';

/**
 * The composition root's wiring: where a lower domain declares a port for something a higher
 * domain knows, the higher domain's implementation is plugged in here, so no domain imports one
 * that builds on it (the dependency rules in .dependency-cruiser.cjs forbid cycles).
 *
 * - plans ← support, budgets: whether a plan has deliveries, delivered hours, payments;
 * - students ← plans: a moving student's plans at the old school end, in the move's transaction;
 * - chronology ← notes, referrals: their entries in a student's timeline (each source keeps its own
 *   visibility rules and audits its restricted reads);
 * - tasks ← referrals: an overdue referral is a task for its sender (`referral_overdue`);
 *
 * Runs when this module is first imported (by server/app.ts and server/demo/seed.ts); idempotent.
 */
export function wireDomains(): void {
  registerDeliveryFacts({ planHasDeliveries, findDeliveredHours, findPayments });
  registerStudentMoveHandler(endPlansOnMove);
  registerChronologySource('note', findNoteChronologyEntries);
  registerChronologySource('referral', findReferralChronologyEntries);
  registerSystemTaskSource('referral_overdue', findOverdueReferralTaskCandidates);
}

wireDomains();
