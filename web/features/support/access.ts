import type { TMe } from '../../../common/api/auth.ts';
import { type Role, SUPPORT_ROLES, TIMESHEET_ROLES } from '../../../common/roles.ts';

// The role lists are the server policies' own (common/roles.ts): support.record, timesheet.view,
// timesheet.enter, timesheet.sign_off, student.pin_set.
export {
  PIN_ROLES,
  SUPPORT_ROLES,
  TIMESHEET_ENTER_ROLES,
  TIMESHEET_ROLES,
  TIMESHEET_SIGN_OFF_ROLES,
} from '../../../common/roles.ts';

/** True when any of the user's grants gives one of the roles (the server still checks the scope). */
export function holdsRole(me: TMe, roles: readonly Role[]): boolean {
  return me.grants.some((grant) => roles.includes(grant.role));
}

/** The support entries of the main navigation: "Konsultācijas" and "Darba laika uzskaite". */
export function supportNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  const items: { to: string; label: string }[] = [];
  if (holdsRole(me, SUPPORT_ROLES)) items.push({ to: '/support', label: t('support.nav') });
  if (holdsRole(me, TIMESHEET_ROLES)) items.push({ to: '/timesheets', label: t('timesheets.nav') });
  return items;
}
