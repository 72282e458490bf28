import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const TasksPage = lazy(() => import('./tasks-page.tsx').then((m) => ({ default: m.TasksPage })));

/** "My tasks" (its own chunk), for every role that has tasks (the server's task.create). */
export const taskRoutes: RouteObject[] = [
  {
    path: 'tasks',
    element: (
      <RequirePermission permission="viewTasks">
        <TasksPage />
      </RequirePermission>
    ),
  },
];

/** The tasks' entry in the main navigation (not for partners and auditors: they have no tasks). */
export function taskNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.viewTasks ? [{ to: '/tasks', label: t('tasks.nav') }] : [];
}
