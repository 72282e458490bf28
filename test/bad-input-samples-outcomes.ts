import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for year-end outcomes (issue 14; see `routeSamples`). */
export function outcomeSamples(ids: WalkIds): Record<string, RouteSample> {
  const schoolYear = String(Number(ids.today.slice(0, 4)) - 1);
  return {
    'GET /api/outcomes': { query: { schoolId: ids.schoolId, schoolYear } },
    'PUT /api/outcomes/:studentId': {
      body: { schoolYear: Number(schoolYear), outcome: 'left_education', reason: 'Aizbrauca uz ārzemēm' },
    },
    'DELETE /api/outcomes/:studentId': { query: { schoolYear } },
    'POST /api/outcomes/import': {
      query: { schoolId: ids.schoolId, schoolYear, fileName: 'iznakumi.csv' },
      raw: 'text/csv',
    },
  };
}
