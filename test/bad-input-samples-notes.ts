import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for case notes (see `routeSamples`). */
export function noteSamples(ids: WalkIds): Record<string, RouteSample> {
  const note = {
    date: ids.today,
    type: 'observation',
    visibility: 'specialists',
    text: 'Novērojums.\nOtrā rinda.',
  };
  return {
    'GET /api/students/:id/notes': {},
    'POST /api/students/:id/notes': { body: note },
    'GET /api/students/:id/notes/:noteId': {},
    'PUT /api/students/:id/notes/:noteId': { body: note },
    'GET /api/students/:id/notes/:noteId/revisions': {},
    'GET /api/notes/mine': {},
  };
}
