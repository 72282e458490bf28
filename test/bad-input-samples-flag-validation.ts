import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for the flag validation report (issue 15). */
export function flagValidationSamples(ids: WalkIds): Record<string, RouteSample> {
  return { 'GET /api/flag-validation': { query: { org: ids.municipalityId } } };
}
