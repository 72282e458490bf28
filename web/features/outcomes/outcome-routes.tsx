import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const OutcomesPage = lazy(() => import('./outcomes-page.tsx').then((m) => ({ default: m.OutcomesPage })));

/** The year-end outcomes page (its own chunk). */
export const outcomeRoutes: RouteObject[] = [
  {
    path: 'outcomes',
    element: (
      <RequirePermission permission="viewOutcomes">
        <OutcomesPage />
      </RequirePermission>
    ),
  },
];

/** The navigation entry "Mācību gada iznākumi", for those the server lets see outcomes. */
export function outcomeNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.viewOutcomes ? [{ to: '/outcomes', label: t('yearOutcomes.nav') }] : [];
}
