import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const ReportsPage = lazy(() => import('./reports-page.tsx').then((m) => ({ default: m.ReportsPage })));
const ProgrammePage = lazy(() => import('./programme-page.tsx').then((m) => ({ default: m.ProgrammePage })));

/** The dashboards and the programme's figures (the server's report.view). */
export const reportRoutes: RouteObject[] = [
  {
    path: 'reports',
    element: (
      <RequirePermission permission="viewReports">
        <ReportsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'reports/programme',
    element: (
      <RequirePermission permission="viewReports">
        <ProgrammePage />
      </RequirePermission>
    ),
  },
];

/** The reports' entry in the main navigation ("Pārskati"). */
export function reportNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.viewReports ? [{ to: '/reports', label: t('reports.nav') }] : [];
}
