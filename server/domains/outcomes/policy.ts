import { OUTCOME_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** See a school's programme students of a school year with their outcomes (and before/after figures). */
export const OUTCOME_VIEW = 'outcome.view';
/** Record, change, clear or import the outcomes of a school's programme students. */
export const OUTCOME_RECORD = 'outcome.record';

// The resource is the school whose programme students they are (the plan's school, not the student's current one).
definePolicies<OrgResource>({
  [OUTCOME_VIEW]: { roles: [...OUTCOME_ROLES, 'expert'] },
  [OUTCOME_RECORD]: { roles: OUTCOME_ROLES },
});

defineAbilities('navigation', { viewOutcomes: OUTCOME_VIEW });
