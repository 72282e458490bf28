import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../watch-list/require-role.tsx';
import { BUDGET_ROLES } from './budget-labels.ts';

const BudgetsPage = lazy(() => import('./budgets-page.tsx').then((m) => ({ default: m.BudgetsPage })));
const CapsPage = lazy(() => import('./caps-page.tsx').then((m) => ({ default: m.CapsPage })));

/** The budget pages: a school's semester budget and the national per-student caps (each its own chunk). */
export const budgetRoutes: RouteObject[] = [
  {
    path: 'budgets',
    element: (
      <RequireRole roles={BUDGET_ROLES}>
        <BudgetsPage />
      </RequireRole>
    ),
  },
  {
    path: 'budgets/caps',
    element: (
      <RequireRole roles={BUDGET_ROLES}>
        <CapsPage />
      </RequireRole>
    ),
  },
];
