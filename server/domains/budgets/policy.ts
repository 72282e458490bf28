import {
  BUDGET_ALLOCATE_ROLES,
  BUDGET_VIEW_ROLES,
  NATIONAL_ADMIN_ROLES,
  OVER_CAP_ROLES,
  PAYMENT_ROLES,
} from '../../../common/roles.ts';
import { definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const BUDGET_VIEW = 'budget.view';
export const BUDGET_ALLOCATE = 'budget.allocate';
export const CAPS_MANAGE = 'caps.manage';
export const PAYMENT_RECORD = 'payment.record';
export const OVER_CAP_DECIDE = 'over_cap.decide';

definePolicies<OrgResource>({
  [BUDGET_VIEW]: { roles: BUDGET_VIEW_ROLES },
  // The municipality allocates to its schools; the national admin to state vocational schools (and any).
  [BUDGET_ALLOCATE]: { roles: BUDGET_ALLOCATE_ROLES },
  [CAPS_MANAGE]: { roles: NATIONAL_ADMIN_ROLES },
  [PAYMENT_RECORD]: { roles: PAYMENT_ROLES },
  // The school's director or coordinator records the decision together with the payment.
  [OVER_CAP_DECIDE]: { roles: OVER_CAP_ROLES },
});
