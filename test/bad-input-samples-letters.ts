import { ANY_ID, type RouteSample, type WalkIds } from './bad-input-samples.ts';

/** The walk's samples for letters to guardians and their templates (see `routeSamples`). */
export function letterSamples(_ids: WalkIds): Record<string, RouteSample> {
  const template = {
    subject: 'Aicinājums {{planCode}}',
    body: 'Cienījamā {{guardianName}}!\n\n{{studentName}}',
  };
  return {
    'GET /api/letter-templates': {},
    'PUT /api/letter-templates/:kind/:language': { body: template },
    'POST /api/letter-templates/preview': { body: { kind: 'invitation', language: 'lv', ...template } },
    'GET /api/students/:id/letters': {},
    'POST /api/students/:id/letters': {
      body: { kind: 'invitation', language: 'lv', guardianId: ANY_ID, method: 'printed', planId: ANY_ID },
    },
    'GET /api/students/:id/letters/:letterId/pdf': {},
  };
}
