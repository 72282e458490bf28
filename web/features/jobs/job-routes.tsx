import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const JobsPage = lazy(() => import('./jobs-page.tsx').then((m) => ({ default: m.JobsPage })));

/** The background jobs page (its own chunk), for managers (the server's job.view). */
export const jobRoutes: RouteObject[] = [
  {
    path: 'jobs',
    element: (
      <RequirePermission permission="viewJobs">
        <JobsPage />
      </RequirePermission>
    ),
  },
];

/** The jobs' entry in the main navigation. */
export function jobNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.viewJobs ? [{ to: '/jobs', label: t('jobs.nav') }] : [];
}
