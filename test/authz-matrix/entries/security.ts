import { EVERYONE } from '../roles.ts';
import type { Matrix } from '../types.ts';

/**
 * Issue 16's routes: password reset and the sessions list (the caller's own things), the data-subject
 * export, erasure, the erasure log and the record of processing.
 */
export const securityEntries: Matrix = {
  'POST /api/auth/password-reset': {
    kind: 'none',
    roles: EVERYONE,
    ok: [200, 429],
    why: 'public: the same answer for every e-mail (the per-address limit may answer 429)',
  },
  'POST /api/auth/password-reset/complete': {
    kind: 'none',
    roles: EVERYONE,
    ok: [400],
    why: 'public: the sample is an unknown reset token',
  },
  'GET /api/auth/sessions': { kind: 'none', roles: EVERYONE },
  'DELETE /api/auth/sessions/:id': {
    kind: 'none',
    roles: EVERYONE,
    ok: [404],
    why: 'the sample names no session of the caller (another user\u2019s or an unknown id is a 404)',
  },
  'POST /api/auth/sessions/sign-out-everywhere': {
    kind: 'none',
    roles: EVERYONE,
    why: 'scope "others": ends the caller\u2019s other sessions and keeps the matrix client\u2019s own',
  },
  'GET /api/students/:id/subject-export': {
    kind: 'student',
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
    audit: true,
  },
  'POST /api/students/:id/erasure': {
    kind: 'student',
    roles: ['national_admin', 'municipal_coordinator'],
    ok: [409],
    why: 'every fixture student still attends: erasure is refused while the retention period runs',
  },
  'GET /api/privacy/erasure-log': { kind: 'none', roles: ['national_admin', 'auditor'] },
  'GET /api/privacy/retention': { kind: 'none', roles: ['national_admin', 'auditor'] },
  'GET /api/privacy/ropa': { kind: 'none', roles: ['national_admin', 'auditor'] },
};
