import type { RouteSample } from './bad-input-samples.ts';

/** The walk's samples for erasure, the erasure log and the record of processing (issue 16, privacy). */
export function privacySamples(): Record<string, RouteSample> {
  return {
    // A demo student still attends: a valid request is refused with 409 (retention runs), nothing changes.
    'POST /api/students/:id/erasure': { body: { reason: 'data_subject_request' } },
    'GET /api/privacy/erasure-log': { query: { limit: '50' } },
    'GET /api/privacy/retention': {},
    'GET /api/privacy/ropa': { query: { lang: 'en' } },
  };
}
