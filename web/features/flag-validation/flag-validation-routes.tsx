import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../shell/session-guards.tsx';

const FlagValidationPage = lazy(() =>
  import('./flag-validation-page.tsx').then((m) => ({ default: m.FlagValidationPage })),
);

/** The flag validation and fairness report (the server's flag_validation.view). */
export const flagValidationRoutes: RouteObject[] = [
  {
    path: 'reports/flags',
    element: (
      <RequirePermission permission="viewFlagValidation">
        <FlagValidationPage />
      </RequirePermission>
    ),
  },
];
