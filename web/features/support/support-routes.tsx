import { Box } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/feedback.tsx';
import { RequireEither, RequirePermission } from '../shell/session-guards.tsx';

const SupportPage = lazy(() => import('./support-page.tsx').then((m) => ({ default: m.SupportPage })));
const WeekPage = lazy(() => import('./week-page.tsx').then((m) => ({ default: m.WeekPage })));
const ConfirmPage = lazy(() => import('./confirm-page.tsx').then((m) => ({ default: m.ConfirmPage })));
const MyTimesheetPage = lazy(() =>
  import('../timesheets/my-timesheet-page.tsx').then((m) => ({ default: m.MyTimesheetPage })),
);
const TimesheetsPage = lazy(() =>
  import('../timesheets/timesheets-page.tsx').then((m) => ({ default: m.TimesheetsPage })),
);

/** The signed-in support pages: "Mani skolēni", the week of sessions, and the monthly timesheets. */
export const supportRoutes: RouteObject[] = [
  {
    path: 'support',
    element: (
      <RequirePermission permission="recordSupport">
        <SupportPage />
      </RequirePermission>
    ),
  },
  {
    path: 'support/week',
    element: (
      <RequirePermission permission="recordSupport">
        <WeekPage />
      </RequirePermission>
    ),
  },
  {
    path: 'timesheets',
    // The coordinator's school view for those who have it; a provider's own month otherwise.
    element: (
      <RequireEither first="viewTimesheets" second="viewOwnTimesheet" fallback={<MyTimesheetPage />}>
        <TimesheetsPage />
      </RequireEither>
    ),
  },
];

/** The public page of a remote session's confirmation link, outside the signed-in shell (like `/login`). */
export const confirmRoute: RouteObject = {
  path: '/confirm/:token',
  element: (
    <Suspense
      fallback={
        <Box component="main" p="lg">
          <LoadingState />
        </Box>
      }
    >
      <ConfirmPage />
    </Suspense>
  ),
};
