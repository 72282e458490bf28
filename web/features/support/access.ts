import type { TMe } from '../../../common/api/auth.ts';
import type { Role } from '../../../common/roles.ts';

/** Roles that record consultations they give (the server's support.record policy). */
export const SUPPORT_ROLES: readonly Role[] = [
  'teacher',
  'specialist',
  'plan_preparer',
  'school_coordinator',
  'school_director',
];

/** Roles that see a school's monthly timesheets (the server's timesheet.view policy). */
export const TIMESHEET_ROLES: readonly Role[] = [
  'school_coordinator',
  'school_director',
  'municipal_coordinator',
  'national_admin',
];

/** Roles that add preparation, supervision and adjustment hours (timesheet.enter). */
export const TIMESHEET_ENTER_ROLES: readonly Role[] = ['school_coordinator', 'school_director'];

/** The school coordinator signs the month off (timesheet.sign_off). */
export const TIMESHEET_SIGN_OFF_ROLES: readonly Role[] = ['school_coordinator'];

/** Roles that give a student the PIN to confirm sessions with (the server's student.pin_set policy). */
export const PIN_ROLES: readonly Role[] = ['school_director', 'school_coordinator'];

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
