import type { RouteSample } from './bad-input-samples.ts';

/**
 * The walk's samples for the second factor and step-up (issue 16). The walk's admin is enrolled and
 * past the second factor, so these valid samples answer 4xx too (a wrong code, 409 already
 * enrolled, 403 mandatory) and change nothing but the attempts the limit counts.
 */
export function secondFactorSamples(): Record<string, RouteSample> {
  const code = { code: '123456' };
  return {
    'GET /api/auth/second-factor': {},
    'GET /api/auth/second-factor/enrolment': {},
    'POST /api/auth/second-factor/enrolment': { body: code },
    'POST /api/auth/second-factor/verify': { body: code },
    'POST /api/auth/second-factor/recovery-codes': { body: code },
    'POST /api/auth/second-factor/disable': { body: code },
    'POST /api/auth/step-up': { body: code },
    // An administrator's reset of another user's lost authenticator (no body).
    'POST /api/users/:id/second-factor/reset': {},
  };
}
