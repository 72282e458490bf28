import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The walk's samples for the data-subject export (issue 16): the JSON and the PDF in a language. */
export function subjectAccessSamples(_ids: WalkIds): Record<string, RouteSample> {
  return {
    'GET /api/students/:id/subject-export': { query: { format: 'pdf', language: 'lv' } },
  };
}
