import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../shell/session-guards.tsx';

const WatchListPage = lazy(() => import('./watch-list-page.tsx').then((m) => ({ default: m.WatchListPage })));
const ThresholdsPage = lazy(() =>
  import('./thresholds-page.tsx').then((m) => ({ default: m.ThresholdsPage })),
);
const EjournalPage = lazy(() => import('./ejournal-page.tsx').then((m) => ({ default: m.EjournalPage })));
const RiskCataloguePage = lazy(() =>
  import('../risks/risk-catalogue-page.tsx').then((m) => ({ default: m.RiskCataloguePage })),
);

/** The early-warning pages: watch list, thresholds, e-journal import and the risk catalogue (each its own chunk). */
export const riskRoutes: RouteObject[] = [
  {
    path: 'watch-list',
    element: (
      <RequirePermission permission="viewWatchList">
        <WatchListPage />
      </RequirePermission>
    ),
  },
  {
    path: 'watch-list/thresholds',
    element: (
      <RequirePermission permission="manageThresholds">
        <ThresholdsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'ejournal',
    element: (
      <RequirePermission permission="manageStudents">
        <EjournalPage />
      </RequirePermission>
    ),
  },
  // Every role may read the catalogue; only the national admin changes it (the server decides).
  { path: 'risk-catalogue', element: <RiskCataloguePage /> },
];
