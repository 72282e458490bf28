import { PLAN_APPROVER_ROLES, PLAN_TEAM_ROLES } from '../../../common/roles.ts';
import { definePolicies } from '../../platform/policy/gate.ts';
import { NOT_A_PREPARER, type StudentResource } from '../students/index.ts';

export const PLAN_TEAM = 'plan.team';
export const PLAN_APPROVE_DIRECTOR = 'plan.approve.director';
export const PLAN_APPROVE_MUNICIPALITY = 'plan.approve.municipality';
export const PLAN_APPROVE_EXPERT = 'plan.approve.expert';

/** The gate action that approves at each level. */
export const APPROVE_ACTION = {
  director: PLAN_APPROVE_DIRECTOR,
  municipality: PLAN_APPROVE_MUNICIPALITY,
  expert: PLAN_APPROVE_EXPERT,
} as const;

definePolicies<StudentResource>({
  // The school team prepares and runs plans; a plan preparer only for the students assigned.
  [PLAN_TEAM]: {
    roles: PLAN_TEAM_ROLES,
    when: (g, r, actor) => g.role !== 'plan_preparer' || r.assignedUserIds.includes(actor.userId),
    listScope: NOT_A_PREPARER,
  },
  // 1st level: the head of the school.
  [PLAN_APPROVE_DIRECTOR]: { roles: PLAN_APPROVER_ROLES.director },
  // 2nd level: the municipality's coordinator (a grant on the municipality covers its schools).
  [PLAN_APPROVE_MUNICIPALITY]: { roles: PLAN_APPROVER_ROLES.municipality },
  // Final level: the national expert assigned to the municipality or state vocational school.
  [PLAN_APPROVE_EXPERT]: { roles: PLAN_APPROVER_ROLES.expert },
});
