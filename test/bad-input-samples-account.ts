import type { RouteSample } from './bad-input-samples.ts';

/** The walk's samples for password reset and the sessions list (issue 16). */
export function accountSamples(): Record<string, RouteSample> {
  return {
    'POST /api/auth/password-reset': { body: { email: 'nobody@demo.pumpurs.lv' } },
    'POST /api/auth/password-reset/complete': {
      body: { token: 'x'.repeat(43), password: 'Garš-un-neuzminams-teikums-42' },
    },
    'GET /api/auth/sessions': {},
    'DELETE /api/auth/sessions/:id': {},
    'POST /api/auth/sessions/sign-out-everywhere': { body: { scope: 'others' } },
  };
}
