import type { TMe } from '../../../common/api/auth.ts';
import type { Role } from '../../../common/roles.ts';

/** Roles that see the watch list (the server's watch_list.view policy). */
export const WATCH_LIST_ROLES: readonly Role[] = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
];

/** Roles that set the flag thresholds of a municipality or the nation (thresholds.manage). */
export const THRESHOLD_ROLES: readonly Role[] = ['national_admin', 'municipal_coordinator'];

/** Roles that record that the municipality was informed of > 20 unjustified lessons (legal_duty.record). */
export const LEGAL_DUTY_ROLES: readonly Role[] = ['national_admin', 'school_director', 'school_coordinator'];

/** True when any of the user's grants gives one of the roles (the server still checks the scope). */
export function hasAnyRole(me: TMe, roles: readonly Role[]): boolean {
  return me.grants.some((grant) => roles.includes(grant.role));
}

type NavItem = { to: string; label: string };

/** The early-warning entries of the main navigation the user may open. */
export function riskNavItems(me: TMe, t: (key: string) => string): NavItem[] {
  const items: NavItem[] = [];
  if (hasAnyRole(me, WATCH_LIST_ROLES)) items.push({ to: '/watch-list', label: t('watchList.nav') });
  if (me.permissions.manageStudents) items.push({ to: '/ejournal', label: t('ejournal.nav') });
  if (hasAnyRole(me, WATCH_LIST_ROLES)) items.push({ to: '/risk-catalogue', label: t('riskCatalogue.nav') });
  return items;
}
