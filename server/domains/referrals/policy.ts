import { STUDENT_ASSIGNED_ROLES, STUDENT_WHOLE_SCOPE_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/**
 * A referral as the school side's gate sees it: the student's school path, the staff assigned to the
 * student and the sender. The partner side's resource is the partner institution (its path).
 */
export interface ReferralResource extends OrgResource {
  assignedUserIds: readonly string[];
  sentBy: string | null;
}

/** See a student's referrals (that they exist, their status): whoever sees the student. */
export const REFERRAL_VIEW = 'referral.view';
/** Read a referral's reason and the partner's response: not a subject teacher. */
export const REFERRAL_VIEW_TEXT = 'referral.view_text';
/** Refer a student to a partner institution. */
export const REFERRAL_SEND = 'referral.send';
/** Close an answered referral, withdraw an unanswered one: the sender, or the school's director or coordinator. */
export const REFERRAL_CLOSE = 'referral.close';
/** The partner: see the referrals addressed to its institution (a list scope on the institution's path). */
export const REFERRAL_INBOX = 'referral.inbox';
/** The partner: mark a referral received, in progress, answered, and attach a file. */
export const REFERRAL_RESPOND = 'referral.respond';

const SCHOOL_MANAGERS = ['school_director', 'school_coordinator'] as const;
const WHOLE: readonly string[] = STUDENT_WHOLE_SCOPE_ROLES;

const assigned = (r: ReferralResource, userId: string) => r.assignedUserIds.includes(userId);

definePolicies<ReferralResource>({
  [REFERRAL_VIEW]: {
    roles: [...STUDENT_WHOLE_SCOPE_ROLES, ...STUDENT_ASSIGNED_ROLES],
    when: (g, r, actor) => WHOLE.includes(g.role) || assigned(r, actor.userId),
  },
  [REFERRAL_VIEW_TEXT]: {
    roles: [...STUDENT_WHOLE_SCOPE_ROLES, 'specialist', 'plan_preparer'],
    when: (g, r, actor) => WHOLE.includes(g.role) || assigned(r, actor.userId),
  },
  [REFERRAL_SEND]: {
    roles: [...SCHOOL_MANAGERS, 'specialist', 'plan_preparer'],
    when: (g, r, actor) =>
      (SCHOOL_MANAGERS as readonly string[]).includes(g.role) || assigned(r, actor.userId),
  },
  [REFERRAL_CLOSE]: {
    roles: [...SCHOOL_MANAGERS, 'specialist', 'plan_preparer'],
    when: (g, r, actor) =>
      (SCHOOL_MANAGERS as readonly string[]).includes(g.role) || r.sentBy === actor.userId,
  },
});

definePolicies<OrgResource>({
  [REFERRAL_INBOX]: { roles: ['partner'] },
  [REFERRAL_RESPOND]: { roles: ['partner'] },
});

defineAbilities('student', { viewReferrals: REFERRAL_VIEW, sendReferrals: REFERRAL_SEND });
defineAbilities('navigation', { viewPartnerReferrals: REFERRAL_INBOX });
