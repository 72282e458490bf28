import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { can } from '../../platform/policy/gate.ts';
import { findAssignedUserIds, findStudentById } from '../students/index.ts';
import { REFERRAL_VIEW, REFERRAL_VIEW_TEXT, type ReferralResource } from './policy.ts';
import * as repo from './repo.ts';

/** One entry of a student's chronology (declared here; the chronology domain merges them). */
export interface ChronologyEntry {
  id: string;
  /** ISO timestamp. */
  at: string;
  type: 'referral';
  /** 'referral.sent', 'referral.received', 'referral.in_progress', 'referral.answered', 'referral.closed', 'referral.withdrawn'. */
  event: string;
  params: Record<string, string | number | null>;
  /** The reason (sent) or the response (answered) when the reader may read them. */
  text: string | null;
  link: { kind: 'referral'; id: string } | null;
}

/**
 * One entry per status change of the student's referrals, oldest first, for a reader at the school
 * side who may see the student's referrals (none otherwise; partners read referrals only through their
 * own pages). The reason and the response are given only to those who may read them.
 */
export async function findReferralChronologyEntries(
  tx: Db,
  actor: Actor,
  studentId: string,
): Promise<ChronologyEntry[]> {
  const student = await findStudentById(tx, studentId);
  if (!student) return [];
  const assigned = (await findAssignedUserIds(tx, [studentId])).get(studentId) ?? [];
  const resource: ReferralResource = { orgPath: student.schoolPath, assignedUserIds: assigned, sentBy: null };
  if (!can(actor, REFERRAL_VIEW, resource)) return [];
  const texts = can(actor, REFERRAL_VIEW_TEXT, resource);
  const referrals = await repo.findStudentReferrals(tx, studentId);
  const byId = new Map(referrals.map((r) => [r.id, r]));
  const events = await repo.findReferralEvents(
    tx,
    referrals.map((r) => r.id),
  );
  return events.map((e) => {
    const r = byId.get(e.referral_id) as repo.ReferralRow;
    const text = !texts ? null : e.status === 'sent' ? r.reason : e.status === 'answered' ? r.response : null;
    return {
      id: e.id,
      at: new Date(e.at).toISOString(),
      type: 'referral',
      event: `referral.${e.status}`,
      params: {
        code: r.code,
        partnerName: r.partner_name,
        urgency: r.urgency,
        dueOn: r.due_on,
        byName: e.by_name,
      },
      text,
      link: { kind: 'referral', id: r.id },
    };
  });
}
