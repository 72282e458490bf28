import { PLAN_APPROVER_ROLES, PLAN_TEAM_ROLES, type Role } from '../../../common/roles.ts';
import type { Actor, ActorGrant } from '../../platform/actor.ts';
import { defineAbilities, definePolicies } from '../../platform/policy/gate.ts';
import { NOT_A_PREPARER, type StudentResource } from '../students/index.ts';
import { stateAllows, type WorkflowFacts } from './plan-state.ts';
import type { PlanAction } from './workflow.ts';

export const PLAN_TEAM = 'plan.team';
export const PLAN_APPROVE_DIRECTOR = 'plan.approve.director';
export const PLAN_APPROVE_MUNICIPALITY = 'plan.approve.municipality';
export const PLAN_APPROVE_EXPERT = 'plan.approve.expert';
/** Upload a signed copy of the plan (a scan or an e-signature container). */
export const PLAN_SIGNED_UPLOAD = 'plan.signed_file.upload';

/** The gate action that approves at each level. */
export const APPROVE_ACTION = {
  director: PLAN_APPROVE_DIRECTOR,
  municipality: PLAN_APPROVE_MUNICIPALITY,
  expert: PLAN_APPROVE_EXPERT,
} as const;

/** A plan as the gate sees it: its student's scope and people, and the state of the plan. */
export type PlanResource = StudentResource & WorkflowFacts;

/** The gate action of each plan transition (`plan.<action>`). */
export const PLAN_ACTIONS: Record<PlanAction, string> = {
  edit: 'plan.edit',
  submit: 'plan.submit',
  approve: 'plan.approve',
  return: 'plan.return',
  start: 'plan.start',
  pause: 'plan.pause',
  resume: 'plan.resume',
  revise: 'plan.revise',
  evaluate: 'plan.evaluate',
  close: 'plan.close',
  delete: 'plan.delete',
};

/** The school team, a plan preparer only for the students assigned (or named in the plan). */
const onTheTeam = (g: ActorGrant, r: StudentResource, actor: Actor) =>
  g.role !== 'plan_preparer' || r.assignedUserIds.includes(actor.userId);

definePolicies<StudentResource>({
  // The school team prepares and runs plans; a plan preparer only for the students assigned.
  [PLAN_TEAM]: {
    roles: PLAN_TEAM_ROLES,
    when: onTheTeam,
    listScope: NOT_A_PREPARER,
  },
  // The school team files the signed plan (a plan preparer only for the students assigned).
  [PLAN_SIGNED_UPLOAD]: { roles: PLAN_TEAM_ROLES, when: onTheTeam, listScope: NOT_A_PREPARER },
  // 1st level: the head of the school.
  [PLAN_APPROVE_DIRECTOR]: { roles: PLAN_APPROVER_ROLES.director },
  // 2nd level: the municipality's coordinator (a grant on the municipality covers its schools).
  [PLAN_APPROVE_MUNICIPALITY]: { roles: PLAN_APPROVER_ROLES.municipality },
  // Final level: the national expert assigned to the municipality or state vocational school.
  [PLAN_APPROVE_EXPERT]: { roles: PLAN_APPROVER_ROLES.expert },
});

const APPROVERS: readonly Role[] = [...new Set(Object.values(PLAN_APPROVER_ROLES).flat())];

/** The approver of the plan's current level (a grant whose role approves at that level). */
const approvesThisLevel = (g: ActorGrant, r: PlanResource) =>
  r.level !== null && (PLAN_APPROVER_ROLES[r.level] as readonly Role[]).includes(g.role);

// Each transition: who (the team, or the approver of the current level) and when (the state rule of
// plan-state.ts, the same for everyone). A rule with a condition gives no list scope: plans are
// listed through student.view, and each plan's `can` comes from these rows.
definePolicies<PlanResource>(
  Object.fromEntries(
    (Object.keys(PLAN_ACTIONS) as PlanAction[]).map((action) => [
      PLAN_ACTIONS[action],
      action === 'approve' || action === 'return'
        ? {
            roles: APPROVERS,
            when: (g: ActorGrant, r: PlanResource) => stateAllows(action, r) && approvesThisLevel(g, r),
          }
        : {
            roles: PLAN_TEAM_ROLES,
            when: (g: ActorGrant, r: PlanResource, actor: Actor) =>
              stateAllows(action, r) && onTheTeam(g, r, actor),
          },
    ]),
  ),
);

// A student record says whether the caller may start a plan for the student.
defineAbilities('student', { createPlan: PLAN_TEAM });

defineAbilities('navigation', {
  approvePlans: [PLAN_APPROVE_DIRECTOR, PLAN_APPROVE_MUNICIPALITY, PLAN_APPROVE_EXPERT],
});
