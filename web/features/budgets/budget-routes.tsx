import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../shell/session-guards.tsx';

const BudgetsPage = lazy(() => import('./budgets-page.tsx').then((m) => ({ default: m.BudgetsPage })));
const CapsPage = lazy(() => import('./caps-page.tsx').then((m) => ({ default: m.CapsPage })));

/** The budget pages: a school's semester budget and the national per-student caps (each its own chunk). */
export const budgetRoutes: RouteObject[] = [
  {
    path: 'budgets',
    element: (
      <RequirePermission permission="viewBudgets">
        <BudgetsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'budgets/caps',
    element: (
      <RequirePermission permission="viewBudgets">
        <CapsPage />
      </RequirePermission>
    ),
  },
];
