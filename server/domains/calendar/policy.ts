import { NATIONAL_ADMIN_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** Keeping the school-year calendar: semester dates are set nationally. */
export const CALENDAR_MANAGE = 'calendar.manage';

definePolicies<OrgResource>({
  [CALENDAR_MANAGE]: { roles: NATIONAL_ADMIN_ROLES },
});

defineAbilities('navigation', { manageCalendar: CALENDAR_MANAGE });
