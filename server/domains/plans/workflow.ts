import type { ApprovalLevel } from '../../../common/api/plans.ts';
import type { Actor } from '../../platform/actor.ts';
import { abilities, can } from '../../platform/policy/gate.ts';
import type { StudentResource } from '../students/index.ts';
import { ALL_ACTIONS, type WorkflowFacts } from './plan-state.ts';
import { PLAN_ACTIONS, type PlanResource } from './policy.ts';

export { ALL_ACTIONS, type WorkflowFacts } from './plan-state.ts';

/** What can be done to a plan; who may is decided in the gate (plans/policy.ts), when in plan-state.ts. */
export type PlanAction =
  | 'edit'
  | 'submit'
  | 'approve'
  | 'return'
  | 'start'
  | 'pause'
  | 'resume'
  | 'revise'
  | 'evaluate'
  | 'close'
  | 'delete';

/** The gate's view of a plan: the student (scope, people) and the state of the plan. */
export function planResource(facts: WorkflowFacts, resource: StudentResource): PlanResource {
  return { ...resource, ...facts };
}

/**
 * Whether the actor may take `action` on the plan now: one row of the gate each (plans/policy.ts),
 * whose condition holds the state rule (plan-state.ts). Every transition goes through here.
 */
export function mayDo(
  actor: Actor | null,
  action: PlanAction,
  facts: WorkflowFacts,
  resource: StudentResource,
): boolean {
  return can(actor, PLAN_ACTIONS[action], planResource(facts, resource));
}

/** The caller's abilities on a plan, for the `can` of the plan response. */
export function planAbilities(
  actor: Actor | null,
  facts: WorkflowFacts,
  resource: StudentResource,
): Record<PlanAction, boolean> {
  return abilities(actor, PLAN_ACTIONS, planResource(facts, resource));
}

/** The actions allowed, as a list (the older `allowed` field of the plan response). */
export function allowedList(can: Record<PlanAction, boolean>): PlanAction[] {
  return ALL_ACTIONS.filter((a) => can[a]);
}

/** The level after `level`; a state vocational school (directly under the nation) skips the municipality. */
export function nextLevel(level: ApprovalLevel, schoolUnderNation: boolean): ApprovalLevel | null {
  if (level === 'director') return schoolUnderNation ? 'expert' : 'municipality';
  if (level === 'municipality') return 'expert';
  return null;
}
