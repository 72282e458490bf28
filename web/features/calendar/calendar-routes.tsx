import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const CalendarPage = lazy(() => import('./calendar-page.tsx').then((m) => ({ default: m.CalendarPage })));

/** The school-year calendar page (its own chunk), for those who may keep it (the server's calendar.manage). */
export const calendarRoutes: RouteObject[] = [
  {
    path: 'calendar',
    element: (
      <RequirePermission permission="manageCalendar">
        <CalendarPage />
      </RequirePermission>
    ),
  },
];

/** The calendar's entry in the main navigation, for those who keep the calendar. */
export function calendarNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.manageCalendar ? [{ to: '/calendar', label: t('schoolCalendar.nav') }] : [];
}
