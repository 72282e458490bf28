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
  // The second factor: the caller's own authenticator. The matrix's users are past it (and the
  // sample's code is wrong): status and enrolment read, the rest refused after the gate.
  'GET /api/auth/second-factor': { kind: 'none', roles: EVERYONE },
  'GET /api/auth/second-factor/enrolment': {
    kind: 'none',
    roles: EVERYONE,
    ok: [200, 409],
    why: 'enrolled users (the mandatory roles) get 409 already enrolled; the others a new secret',
  },
  'POST /api/auth/second-factor/enrolment': {
    kind: 'none',
    roles: EVERYONE,
    ok: [400, 409, 429],
    why: 'the sample’s code is wrong (400), or the user is enrolled (409); wrong codes are limited (429)',
  },
  'POST /api/auth/second-factor/verify': {
    kind: 'none',
    roles: EVERYONE,
    ok: [400, 409, 429],
    why: 'the session is past its second factor already (409) or the code is wrong (400/429)',
  },
  'POST /api/auth/second-factor/recovery-codes': {
    kind: 'none',
    roles: EVERYONE,
    ok: [400, 403, 409, 429],
    why: 'the sample’s code is wrong (400/429); without an authenticator there is nothing to regenerate (403/409)',
  },
  'POST /api/auth/second-factor/disable': {
    kind: 'none',
    roles: EVERYONE,
    ok: [400, 403, 409, 429],
    why: 'mandatory roles may not disable (403); others have none (409) or the code is wrong (400/429)',
  },
  'POST /api/auth/step-up': {
    kind: 'none',
    roles: EVERYONE,
    ok: [400, 401, 429],
    why: 'the sample’s code (or, without an authenticator, password) is wrong: refused after the gate',
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
