import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for the advisory risk score (issue 15). */
export function riskScoreSamples(ids: WalkIds): Record<string, RouteSample> {
  return {
    'GET /api/risk-score/model': {},
    'GET /api/risk-score/ranks': {
      query: { schoolId: ids.schoolId, semesterId: ids.semesterId, studentId: ids.studentId },
    },
    // No body: the refit takes no input (the walk has nothing to spoil).
    'POST /api/risk-score/refit': {},
  };
}
