import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const PlansPage = lazy(() => import('./plans-page.tsx').then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => import('./plan-page.tsx').then((m) => ({ default: m.PlanPage })));
const ApprovalsPage = lazy(() =>
  import('../approvals/approvals-page.tsx').then((m) => ({ default: m.ApprovalsPage })),
);

/** The plan pages: the list, one plan, and the approver's queue (which shows "not found" to others). */
export const planRoutes: RouteObject[] = [
  {
    path: 'plans',
    element: (
      <RequirePermission permission="viewStudents">
        <PlansPage />
      </RequirePermission>
    ),
  },
  {
    path: 'plans/:id',
    element: (
      <RequirePermission permission="viewStudents">
        <PlanPage />
      </RequirePermission>
    ),
  },
  { path: 'approvals', element: <ApprovalsPage /> },
];

/** The plan entries of the main navigation: "Plāni" for whoever sees students, "Saskaņošana" for approvers. */
export function planNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  const items: { to: string; label: string }[] = [];
  if (me.can.viewStudents) items.push({ to: '/plans', label: t('plans.nav') });
  if (me.can.approvePlans) items.push({ to: '/approvals', label: t('approvals.nav') });
  return items;
}
