import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { NATIONAL_ADMIN_ROLES } from '../../../common/roles.ts';
import { hasAnyRole } from '../watch-list/access.ts';
import { RequireRole } from '../watch-list/require-role.tsx';

const CalendarPage = lazy(() => import('./calendar-page.tsx').then((m) => ({ default: m.CalendarPage })));

/** Who keeps the school-year calendar (the server's calendar.manage policy). */
export const CALENDAR_ROLES = NATIONAL_ADMIN_ROLES;

/** The school-year calendar page (its own chunk). */
export const calendarRoutes: RouteObject[] = [
  {
    path: 'calendar',
    element: (
      <RequireRole roles={CALENDAR_ROLES}>
        <CalendarPage />
      </RequireRole>
    ),
  },
];

/** The calendar's entry in the main navigation, for the national admin. */
export function calendarNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return hasAnyRole(me, CALENDAR_ROLES) ? [{ to: '/calendar', label: t('schoolCalendar.nav') }] : [];
}
