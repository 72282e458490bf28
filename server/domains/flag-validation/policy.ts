import { FLAG_VALIDATION_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** Read the flag validation and fairness report of a municipality or the nation. */
export const FLAG_VALIDATION_VIEW = 'flag_validation.view';

definePolicies<OrgResource>({
  [FLAG_VALIDATION_VIEW]: { roles: FLAG_VALIDATION_ROLES },
});

defineAbilities('navigation', { viewFlagValidation: FLAG_VALIDATION_VIEW });
