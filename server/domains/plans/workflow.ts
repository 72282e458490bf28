import type { ApprovalLevel, PlanStatus } from '../../../common/api/plans.ts';
import type { Actor } from '../../platform/actor.ts';
import { addDays } from '../../platform/dates.ts';
import { can } from '../../platform/policy/gate.ts';
import type { StudentResource } from '../students/index.ts';
import { APPROVE_ACTION, PLAN_TEAM } from './policy.ts';

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

export interface WorkflowFacts {
  status: PlanStatus;
  level: ApprovalLevel | null;
  semesterEndsOn: string;
  today: string;
  /** Anything delivered or paid on the plan (the support log); deletion is refused then. */
  hasDeliveries: boolean;
  /** The student moved away from the plan's school: the plan is history, nobody may act on it. */
  movedOut: boolean;
}

const EVALUATION_OPENS_DAYS_BEFORE_END = 21;

/**
 * The state machine of a plan: which action the actor may take now. Every transition goes through
 * here, on the server; the client only shows what this allows.
 */
export function mayDo(
  actor: Actor | null,
  action: PlanAction,
  facts: WorkflowFacts,
  resource: StudentResource,
): boolean {
  if (facts.movedOut) return false;
  const team = can(actor, PLAN_TEAM, resource);
  const { status } = facts;
  switch (action) {
    case 'edit':
    case 'submit':
      return team && (status === 'draft' || status === 'under_revision');
    case 'approve':
    case 'return':
      return (
        status === 'in_approval' && facts.level !== null && can(actor, APPROVE_ACTION[facts.level], resource)
      );
    case 'start':
      return team && status === 'approved';
    case 'pause':
      return team && status === 'in_progress';
    case 'resume':
      // Only within the same semester (the programme's rule).
      return team && status === 'paused' && facts.today <= facts.semesterEndsOn;
    case 'revise':
      return team && (status === 'approved' || status === 'in_progress');
    case 'evaluate':
      return (
        team &&
        (status === 'in_progress' || status === 'paused') &&
        facts.today >= addDays(facts.semesterEndsOn, -EVALUATION_OPENS_DAYS_BEFORE_END)
      );
    case 'close':
      return team && status === 'evaluated';
    case 'delete':
      return team && (status === 'draft' || status === 'under_revision') && !facts.hasDeliveries;
    default:
      return false;
  }
}

export const ALL_ACTIONS: PlanAction[] = [
  'edit',
  'submit',
  'approve',
  'return',
  'start',
  'pause',
  'resume',
  'revise',
  'evaluate',
  'close',
  'delete',
];

/** The level after `level`; a state vocational school (directly under the nation) skips the municipality. */
export function nextLevel(level: ApprovalLevel, schoolUnderNation: boolean): ApprovalLevel | null {
  if (level === 'director') return schoolUnderNation ? 'expert' : 'municipality';
  if (level === 'municipality') return 'expert';
  return null;
}
