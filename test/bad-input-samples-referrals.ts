import { ANY_ID, type RouteSample, type WalkIds } from './bad-input-samples.ts';

/** The walk's samples for referrals to partner institutions (see `routeSamples`). */
export function referralSamples(ids: WalkIds): Record<string, RouteSample> {
  return {
    'GET /api/students/:id/referrals': {},
    'POST /api/students/:id/referrals/preview': { body: { items: ['name', 'school_class'] } },
    'POST /api/students/:id/referrals': {
      body: {
        partnerId: ANY_ID,
        reason: 'Lūdzam izvērtēt ģimenes situāciju.',
        items: ['name'],
        urgency: 'normal',
        dueOn: ids.today,
        planId: ANY_ID,
        measureId: ANY_ID,
      },
    },
    'GET /api/referrals': { query: { status: 'all' } },
    'GET /api/referrals/:id': {},
    'POST /api/referrals/:id/status': { body: { status: 'answered', response: 'Atbilde' } },
    'POST /api/referrals/:id/close': {},
    'POST /api/referrals/:id/withdraw': {},
    'PUT /api/referrals/:id/attachment': { query: { fileName: 'atbilde.pdf' }, raw: 'application/pdf' },
    'GET /api/referrals/:id/attachment': {},
  };
}
