import { MANAGER_ROLES, TASK_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** Have tasks: see "my tasks" and make a task (for oneself or a colleague in scope). */
export const TASK_CREATE = 'task.create';
/** See one task and mark it done or open again: its assignee and whoever made it. */
export const TASK_WORK = 'task.work';
/** See and close every task of the organisations under the grant: the managers. */
export const TASK_OVERSEE = 'task.oversee';

/** A task as the gate sees it: its organisation and whose it is. */
export interface TaskResource extends OrgResource {
  orgId: string;
  assigneeUserId: string | null;
  assigneeRole: string | null;
  createdBy: string | null;
}

definePolicies<OrgResource>({
  [TASK_CREATE]: { roles: TASK_ROLES },
});
definePolicies<TaskResource>({
  // The assignee (a person, or any holder of the role at the task's organisation) and whoever made it.
  [TASK_WORK]: {
    roles: TASK_ROLES,
    when: (g, r, actor) =>
      r.assigneeUserId === actor.userId ||
      r.createdBy === actor.userId ||
      (r.assigneeRole === g.role && r.orgId === g.orgId),
  },
  [TASK_OVERSEE]: { roles: MANAGER_ROLES },
});

defineAbilities('navigation', { viewTasks: TASK_CREATE });
