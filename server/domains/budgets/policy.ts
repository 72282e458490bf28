import {
  BUDGET_ALLOCATE_ROLES,
  BUDGET_VIEW_ROLES,
  MANAGER_ROLES,
  NATIONAL_ADMIN_ROLES,
  OVER_CAP_ROLES,
  PAYMENT_ROLES,
} from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const BUDGET_VIEW = 'budget.view';
/** Open the budget pages (choose a school); a plan preparer sees the own plan's line on the plan instead. */
export const BUDGET_OVERVIEW = 'budget.overview';
export const BUDGET_ALLOCATE = 'budget.allocate';
export const CAPS_MANAGE = 'caps.manage';
export const PAYMENT_RECORD = 'payment.record';
export const OVER_CAP_DECIDE = 'over_cap.decide';

definePolicies<OrgResource>({
  [BUDGET_VIEW]: { roles: BUDGET_VIEW_ROLES },
  [BUDGET_OVERVIEW]: { roles: MANAGER_ROLES },
  // The municipality allocates to its schools; the national admin to state vocational schools (and any).
  [BUDGET_ALLOCATE]: { roles: BUDGET_ALLOCATE_ROLES },
  [CAPS_MANAGE]: { roles: NATIONAL_ADMIN_ROLES },
  [PAYMENT_RECORD]: { roles: PAYMENT_ROLES },
  // The school's director or coordinator records the decision together with the payment.
  [OVER_CAP_DECIDE]: { roles: OVER_CAP_ROLES },
});

defineAbilities('organisation', {
  viewBudget: BUDGET_VIEW,
  allocateBudget: BUDGET_ALLOCATE,
});

defineAbilities('navigation', {
  viewBudgets: BUDGET_OVERVIEW,
  manageCaps: CAPS_MANAGE,
});
