import type { TMe } from '../../../common/api/auth.ts';

type NavItem = { to: string; label: string };

/** The early-warning entries of the main navigation the user may open (abilities from /api/me). */
export function riskNavItems(me: TMe, t: (key: string) => string): NavItem[] {
  const items: NavItem[] = [];
  if (me.can.viewWatchList) items.push({ to: '/watch-list', label: t('watchList.nav') });
  if (me.can.manageStudents) items.push({ to: '/ejournal', label: t('ejournal.nav') });
  if (me.can.viewWatchList) items.push({ to: '/risk-catalogue', label: t('riskCatalogue.nav') });
  return items;
}
