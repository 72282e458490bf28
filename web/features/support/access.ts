import type { TMe } from '../../../common/api/auth.ts';

/** The support entries of the main navigation: "Konsultācijas" and "Darba laika uzskaite" (abilities from /api/me). */
export function supportNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  const items: { to: string; label: string }[] = [];
  if (me.can.recordSupport) items.push({ to: '/support', label: t('support.nav') });
  if (me.can.viewTimesheets) items.push({ to: '/timesheets', label: t('timesheets.nav') });
  else if (me.can.viewOwnTimesheet) items.push({ to: '/timesheets', label: t('timesheets.mine.nav') });
  return items;
}
