import type { Db } from '../../platform/db.ts';
import * as repo from './repo.ts';

/** A task the system should hold open while its condition lasts (declared here; the tasks domain maps it). */
export interface SystemTaskCandidate {
  systemKey: string;
  kind: string;
  assigneeUserId: string | null;
  assigneeRole: string | null;
  orgId: string;
  studentId: string | null;
  planId: string | null;
  dueDate: string;
  params: Record<string, string | number>;
}

/**
 * One candidate per referral past its deadline that the partner has not answered (sent, received or
 * in progress; answered, closed and withdrawn ones need nothing): a task for the sender, under the
 * student's school, due on the referral's deadline. `filter.assigneeUserId` narrows it to one sender; a filter of roles alone gives none.
 */
export async function findOverdueReferralTaskCandidates(
  tx: Db,
  today: string,
  filter: { assigneeUserId?: string; grants?: readonly { role: string; orgId: string }[] },
): Promise<SystemTaskCandidate[]> {
  // Referral tasks are the sender's own: a filter of roles alone (no user) names none of them.
  if (filter.grants && !filter.assigneeUserId) return [];
  const rows = await repo.findOverdueReferrals(tx, today, filter.assigneeUserId);
  return rows.map((r) => ({
    systemKey: `referral_overdue:${r.id}`,
    kind: 'referral_overdue',
    assigneeUserId: r.sent_by,
    assigneeRole: null,
    orgId: r.school_id,
    studentId: r.student_id,
    planId: r.plan_id,
    dueDate: r.due_on,
    params: { code: r.code, partnerName: r.partner_name },
  }));
}
