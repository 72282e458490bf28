import { Box } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../../../common/roles.ts';
import { LoadingState } from '../../components/feedback.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { holdsRole, SUPPORT_ROLES, TIMESHEET_ROLES } from './access.ts';

const SupportPage = lazy(() => import('./support-page.tsx').then((m) => ({ default: m.SupportPage })));
const WeekPage = lazy(() => import('./week-page.tsx').then((m) => ({ default: m.WeekPage })));
const ConfirmPage = lazy(() => import('./confirm-page.tsx').then((m) => ({ default: m.ConfirmPage })));
const TimesheetsPage = lazy(() =>
  import('../timesheets/timesheets-page.tsx').then((m) => ({ default: m.TimesheetsPage })),
);

/** Shows the page only to holders of one of the roles; others get the same "not found" as a wrong address. */
function ForRoles({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useCurrentUser();
  return holdsRole(me, roles) ? children : <NotFoundPage />;
}

/** The signed-in support pages: "Mani skolēni", the week of sessions, and the monthly timesheets. */
export const supportRoutes: RouteObject[] = [
  {
    path: 'support',
    element: (
      <ForRoles roles={SUPPORT_ROLES}>
        <SupportPage />
      </ForRoles>
    ),
  },
  {
    path: 'support/week',
    element: (
      <ForRoles roles={SUPPORT_ROLES}>
        <WeekPage />
      </ForRoles>
    ),
  },
  {
    path: 'timesheets',
    element: (
      <ForRoles roles={TIMESHEET_ROLES}>
        <TimesheetsPage />
      </ForRoles>
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
