import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for a student's chronology and its PDF (see `routeSamples`). */
export function chronologySamples(ids: WalkIds): Record<string, RouteSample> {
  const filter = { types: 'plan,session', from: ids.today, to: ids.today };
  return {
    'GET /api/students/:id/chronology': { query: filter },
    'GET /api/students/:id/chronology.pdf': { query: { ...filter, language: 'lv' } },
  };
}
