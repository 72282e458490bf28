import { addDays } from '../../platform/dates.ts';
import { findUnreportedLegalDuties } from '../ejournal/index.ts';
import { findPlansDueForEvaluation } from '../plans/index.ts';
import { findSessionsAwaitingConfirmation } from '../support/index.ts';
import { registerSystemTaskSource } from './system.ts';
import type { SystemTaskCandidate, SystemTaskFilter, SystemTaskSource } from './system-types.ts';

/** Days the school has to inform the municipality after a student passes the legal-duty line. */
export const LEGAL_DUTY_TASK_DAYS = 3;

const COORDINATOR = 'school_coordinator';

/** The schools where the filter's grants hold the coordinator role; null when the filter is empty. */
function coordinatedSchools(filter: SystemTaskFilter): string[] | null {
  if (!filter.assigneeUserId && !filter.grants) return null;
  return (filter.grants ?? []).filter((g) => g.role === COORDINATOR).map((g) => g.orgId);
}

/** A running plan whose semester ends within 14 days (or has ended): its preparer, else the coordinators. */
export const planEvaluationSource: SystemTaskSource = async (tx, today, filter) =>
  (await findPlansDueForEvaluation(tx, today, filter)).map(
    (p): SystemTaskCandidate => ({
      systemKey: `plan_evaluate:${p.id}`,
      kind: 'plan_evaluate',
      assigneeUserId: p.preparer_id,
      assigneeRole: p.preparer_id ? null : COORDINATOR,
      orgId: p.school_id,
      studentId: p.student_id,
      planId: p.id,
      dueDate: p.ends_on,
      params: { code: p.code },
    }),
  );

/**
 * More than 20 unjustified lessons and the municipality not informed (this semester, or one that ended
 * at most 30 days ago): the school coordinators.
 */
export const legalDutySource: SystemTaskSource = async (tx, today, filter) =>
  (await findUnreportedLegalDuties(tx, today, coordinatedSchools(filter))).map(
    (r): SystemTaskCandidate => ({
      systemKey: `legal_duty:${r.student_id}:${r.semester_id}`,
      kind: 'legal_duty',
      assigneeUserId: null,
      assigneeRole: COORDINATOR,
      orgId: r.school_id,
      studentId: r.student_id,
      planId: null,
      dueDate: addDays(r.crossed_on, LEGAL_DUTY_TASK_DAYS),
      params: { lessons: Number(r.unjustified_lessons) },
    }),
  );

/** A session whose students' confirmation window closes today or tomorrow: its provider. */
export const sessionConfirmationSource: SystemTaskSource = async (tx, today, filter) => {
  const all = !filter.assigneeUserId && !filter.grants;
  if (!all && !filter.assigneeUserId) return [];
  return (
    await findSessionsAwaitingConfirmation(tx, today, all ? null : (filter.assigneeUserId ?? null))
  ).map(
    (s): SystemTaskCandidate => ({
      systemKey: `session_confirm:${s.id}`,
      kind: 'session_confirm',
      assigneeUserId: s.provider_id,
      assigneeRole: null,
      orgId: s.school_id,
      studentId: s.student_id,
      planId: s.plan_id,
      dueDate: s.expires_on,
      params: { count: Number(s.unconfirmed), date: s.on_date },
    }),
  );
};

// The sources of the domains tasks builds on. Domains above tasks (referrals) register theirs in
// server/wiring.ts. Application (consent) expiry has no source: an application has no expiry date.
registerSystemTaskSource('plan_evaluate', planEvaluationSource);
registerSystemTaskSource('legal_duty', legalDutySource);
registerSystemTaskSource('session_confirm', sessionConfirmationSource);
