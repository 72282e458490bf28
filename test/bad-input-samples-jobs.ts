import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for background jobs (see `routeSamples`). */
export function jobSamples(ids: WalkIds): Record<string, RouteSample> {
  return {
    'GET /api/jobs': { query: { limit: '10' } },
    'GET /api/jobs/:id': {},
    'POST /api/organisations/:id/indicators/recompute': { body: { semesterId: ids.semesterId } },
  };
}
