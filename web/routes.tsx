import { Box } from '@mantine/core';
import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import type { TMe } from '../common/api/auth.ts';
import { LoadingState } from './components/feedback.tsx';
import { budgetRoutes } from './features/budgets/budget-routes.tsx';
import { calendarRoutes } from './features/calendar/calendar-routes.tsx';
import { flagValidationRoutes } from './features/flag-validation/flag-validation-routes.tsx';
import { jobRoutes } from './features/jobs/job-routes.tsx';
import { letterRoutes } from './features/letters/letter-routes.tsx';
import { outcomeRoutes } from './features/outcomes/outcome-routes.tsx';
import { planRoutes } from './features/plans/plan-routes.tsx';
import { privacyRoutes } from './features/privacy/privacy-routes.tsx';
import { referralRoutes } from './features/referrals/referral-routes.tsx';
import { reportRoutes } from './features/reports/report-routes.tsx';
import { NotFoundPage } from './features/shell/not-found-page.tsx';
import { RequirePermission, SignedInArea, SignedOutArea } from './features/shell/session-guards.tsx';
import { confirmRoute, supportRoutes } from './features/support/support-routes.tsx';
import { taskRoutes } from './features/tasks/task-routes.tsx';
import { riskRoutes } from './features/watch-list/risk-routes.tsx';

// Each page is its own chunk, so the first load carries only the shell.
const LoginPage = lazy(() =>
  import('./features/auth/login-page.tsx').then((m) => ({ default: m.LoginPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./features/auth/forgot-password-page.tsx').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./features/auth/reset-password-page.tsx').then((m) => ({ default: m.ResetPasswordPage })),
);
const AccountPage = lazy(() =>
  import('./features/account/account-page.tsx').then((m) => ({ default: m.AccountPage })),
);
const HomePage = lazy(() => import('./features/home/home-page.tsx').then((m) => ({ default: m.HomePage })));
const OrganisationsPage = lazy(() =>
  import('./features/organisations/organisations-page.tsx').then((m) => ({ default: m.OrganisationsPage })),
);
const UsersPage = lazy(() =>
  import('./features/users/users-page.tsx').then((m) => ({ default: m.UsersPage })),
);
const UserNewPage = lazy(() =>
  import('./features/users/user-new-page.tsx').then((m) => ({ default: m.UserNewPage })),
);
const UserDetailPage = lazy(() =>
  import('./features/users/user-detail-page.tsx').then((m) => ({ default: m.UserDetailPage })),
);
const StudentsPage = lazy(() =>
  import('./features/students/students-page.tsx').then((m) => ({ default: m.StudentsPage })),
);
const StudentNewPage = lazy(() =>
  import('./features/students/student-new-page.tsx').then((m) => ({ default: m.StudentNewPage })),
);
const StudentDetailPage = lazy(() =>
  import('./features/students/student-detail-page.tsx').then((m) => ({ default: m.StudentDetailPage })),
);
const ImportPage = lazy(() =>
  import('./features/imports/import-page.tsx').then((m) => ({ default: m.ImportPage })),
);
const AuditPage = lazy(() =>
  import('./features/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })),
);

type Permission = keyof TMe['can'];

function guarded(permission: Permission, Page: ComponentType) {
  return (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  );
}

/** A page outside the shell, shown whether or not someone is signed in. */
function publicPage(Page: ComponentType) {
  return (
    <Suspense
      fallback={
        <Box component="main" p="lg">
          <LoadingState />
        </Box>
      }
    >
      <Page />
    </Suspense>
  );
}

/** The app's routes: `/login` outside the shell, every other page inside it. */
export const router = createBrowserRouter([
  confirmRoute,
  {
    path: '/login',
    element: (
      <SignedOutArea>
        <Suspense
          fallback={
            <Box component="main" p="lg">
              <LoadingState />
            </Box>
          }
        >
          <LoginPage />
        </Suspense>
      </SignedOutArea>
    ),
  },
  // Password reset works whether or not someone is signed in on this browser.
  { path: '/forgot-password', element: publicPage(ForgotPasswordPage) },
  { path: '/reset-password', element: publicPage(ResetPasswordPage) },
  {
    element: <SignedInArea />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'organisations', element: guarded('manageOrganisations', OrganisationsPage) },
      { path: 'users', element: guarded('manageUsers', UsersPage) },
      { path: 'users/new', element: guarded('manageUsers', UserNewPage) },
      { path: 'users/:id', element: guarded('manageUsers', UserDetailPage) },
      { path: 'students', element: guarded('viewStudents', StudentsPage) },
      { path: 'students/new', element: guarded('manageStudents', StudentNewPage) },
      { path: 'students/import', element: guarded('manageStudents', ImportPage) },
      { path: 'students/:id', element: guarded('viewStudents', StudentDetailPage) },
      { path: 'audit', element: guarded('viewAudit', AuditPage) },
      ...riskRoutes,
      ...planRoutes,
      ...supportRoutes,
      ...budgetRoutes,
      ...outcomeRoutes,
      ...calendarRoutes,
      ...letterRoutes,
      ...referralRoutes,
      ...reportRoutes,
      ...flagValidationRoutes,
      ...taskRoutes,
      ...jobRoutes,
      ...privacyRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
