import type { ApprovalLevel, PlanStatus } from '../../../common/api/plans.ts';
import { addDays } from '../../platform/dates.ts';
import type { PlanAction } from './workflow.ts';

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

/** The facts about a plan's state that decide which transitions exist now, whoever asks. */
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
 * The business rule of the state machine, once: whether `action` exists for a plan in this state,
 * for anybody. Who may take it is the gate's row (plans/policy.ts), whose condition calls this, so
 * the check on a route and the `can` in a response come from the same place.
 */
export function stateAllows(action: PlanAction, facts: WorkflowFacts): boolean {
  if (facts.movedOut) return false;
  const { status } = facts;
  switch (action) {
    case 'edit':
    case 'submit':
      return status === 'draft' || status === 'under_revision';
    case 'approve':
    case 'return':
      return status === 'in_approval' && facts.level !== null;
    case 'start':
      return status === 'approved';
    case 'pause':
      return status === 'in_progress';
    case 'resume':
      // Only within the same semester (the programme's rule).
      return status === 'paused' && facts.today <= facts.semesterEndsOn;
    case 'revise':
      return status === 'approved' || status === 'in_progress';
    case 'evaluate':
      return (
        (status === 'in_progress' || status === 'paused') &&
        facts.today >= addDays(facts.semesterEndsOn, -EVALUATION_OPENS_DAYS_BEFORE_END)
      );
    case 'close':
      return status === 'evaluated';
    case 'delete':
      return (status === 'draft' || status === 'under_revision') && !facts.hasDeliveries;
    default:
      return false;
  }
}
