import type { TMe } from '../../../common/api/auth.ts';
import { type Role, WATCH_LIST_ROLES } from '../../../common/roles.ts';

// The role lists are the server policies' own (common/roles.ts): watch_list.view, thresholds.manage, legal_duty.record.
export { LEGAL_DUTY_ROLES, THRESHOLD_ROLES, WATCH_LIST_ROLES } from '../../../common/roles.ts';

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
