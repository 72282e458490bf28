import { ADMIN, EVERYONE, MANAGERS, WHOLE } from '../roles.ts';
import type { Matrix } from '../types.ts';

const PUBLIC_TOKEN = {
  kind: 'none',
  roles: EVERYONE,
  ok: [404, 429],
  why: 'public route of an unknown token (rate-limited per address): nothing to reach',
} as const;

/** Sign-in, the caller's own account, health, organisations, users, the audit log, reference data, jobs. */
export const platformEntries: Matrix = {
  'GET /api/health': { kind: 'none', roles: EVERYONE },
  'GET /api/health/live': { kind: 'none', roles: EVERYONE },
  'GET /api/health/ready': { kind: 'none', roles: EVERYONE },
  'GET /api/openapi.json': { kind: 'none', roles: EVERYONE },
  'GET /api/auth/csrf': { kind: 'none', roles: EVERYONE },
  'POST /api/auth/login': {
    kind: 'none',
    roles: EVERYONE,
    freshClient: true,
    ok: [401, 429],
    why: 'public: the sample is an unknown account (401; the per-address limit may answer 429)',
    sample: () => ({ body: { email: 'nobody.matrix@demo.pumpurs.lv', password: 'nepareiza parole' } }),
  },
  'POST /api/auth/logout': { kind: 'none', roles: EVERYONE, freshClient: true },
  'GET /api/me': { kind: 'none', roles: EVERYONE },
  'PATCH /api/me': { kind: 'none', roles: EVERYONE, sample: () => ({ body: { language: 'lv' } }) },
  'GET /api/organisations': { kind: 'none', roles: EVERYONE },
  'GET /api/schools': { kind: 'none', roles: MANAGERS },
  'GET /api/organisations/:id': { kind: 'school', roles: [...WHOLE, 'auditor'] },
  'GET /api/users': { kind: 'school', roles: EVERYONE, list: true },
  'GET /api/users/:id': { kind: 'user', roles: MANAGERS },
  'GET /api/audit': { kind: 'student', roles: [...MANAGERS, 'auditor'], list: true },
  'GET /api/audit/summary': { kind: 'none', roles: [...MANAGERS, 'auditor'] },
  'GET /api/semesters': { kind: 'none', roles: EVERYONE },
  'GET /api/risk-catalogue': { kind: 'none', roles: EVERYONE },
  'GET /api/ejournal/templates/:kind': { kind: 'none', roles: EVERYONE },
  'GET /api/jobs': { kind: 'none', roles: MANAGERS },
  // Each school's indicators job and uploaded class list (fixture).
  'GET /api/jobs/:id': { kind: 'school', roles: MANAGERS },
  'GET /api/imports/:id/errors.csv': { kind: 'school', roles: MANAGERS },
  'GET /api/confirm/:token': PUBLIC_TOKEN,
  'POST /api/confirm/:token': PUBLIC_TOKEN,
  'GET /api/calendar-feed/:file': PUBLIC_TOKEN,
  'GET /api/letter-templates': { kind: 'none', roles: ADMIN },
};
