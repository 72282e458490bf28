import type { RouteSample } from './bad-input-samples.ts';

/** The walk's samples for liveness and readiness (see `routeSamples`); neither takes input. */
export function opsSamples(): Record<string, RouteSample> {
  return {
    'GET /api/health/live': {},
    'GET /api/health/ready': {},
  };
}
