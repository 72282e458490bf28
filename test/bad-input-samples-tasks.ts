import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for tasks (see `routeSamples`). */
export function taskSamples(ids: WalkIds): Record<string, RouteSample> {
  return {
    'GET /api/tasks': { query: { status: 'open' } },
    'GET /api/tasks/counts': {},
    'GET /api/tasks/assignees': {},
    'POST /api/tasks': { body: { title: 'Piezvanīt mātei', dueOn: ids.today, studentId: ids.studentId } },
    'POST /api/tasks/:id/done': {},
    'POST /api/tasks/:id/reopen': {},
    'GET /api/students/:id/tasks': {},
    'GET /api/audit/summary': {},
  };
}
