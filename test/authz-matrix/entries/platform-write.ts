import { ADMIN, MANAGERS } from '../roles.ts';
import type { Matrix } from '../types.ts';

/** School 1's staff record the outcome of the student who moved away after its plan there. */
const OUTCOME_SCOPE = {
  school_director: ['own', 'moved_former'],
  school_coordinator: ['own', 'moved_former'],
} as const;
const OUTCOME = 'continues';

/** The columns of the fixture's class list (records.ts uploadClassList). */
const CLASS_LIST_MAPPING = {
  personalCode: 'Personas kods',
  firstName: 'Vārds',
  lastName: 'Uzvārds',
  classLabel: 'Klase',
};

/** Writes on organisations, users, reference data, letters' templates, referrals, reports, outcomes. */
export const platformWriteEntries: Matrix = {
  'POST /api/organisations': {
    kind: 'municipality',
    roles: ['national_admin', 'municipal_coordinator'],
    ok: [201, 400, 409],
    why: 'one school code: the first creates it, then 409 code_taken; a school directly under the nation is 400',
  },
  'PATCH /api/organisations/:id': {
    kind: 'school',
    roles: ['national_admin', 'municipal_coordinator'],
    ok: [200, 400, 409],
    why: 'the sample renames to one code: 409 code_taken on the second school; 400 for the state school’s type',
  },
  'POST /api/users': {
    kind: 'school',
    roles: MANAGERS,
    ok: [201, 409],
    why: 'one e-mail: the first creates the user, then 409 email_taken',
  },
  'PATCH /api/users/:id': { kind: 'user', roles: MANAGERS },
  'POST /api/users/:id/grants': {
    kind: 'user',
    roles: MANAGERS,
    ok: [201, 409],
    why: 'the teacher already is a teacher there: 409 grant_exists after the gate',
  },
  'DELETE /api/users/:id/grants/:grantId': {
    kind: 'user',
    roles: MANAGERS,
    order: 1,
    ok: [200, 404],
    why: 'the teacher’s extra specialist grant (fixture): the first allowed call removes it, then 404',
  },
  'POST /api/users/:id/second-factor/reset': {
    kind: 'user',
    roles: MANAGERS,
    why: 'a teacher without a second factor: the reset answers 200 and changes nothing else',
  },
  'POST /api/imports/students': {
    kind: 'school',
    roles: MANAGERS,
    ok: [400],
    why: 'an empty file: 400 import_empty',
  },
  // Each school's coordinator uploaded a class list of one new student (fixture).
  'POST /api/imports/:id/preview': {
    kind: 'school',
    roles: MANAGERS,
    sample: () => ({ body: { mapping: CLASS_LIST_MAPPING, excludedRows: [] } }),
  },
  'POST /api/imports/:id/commit': {
    kind: 'school',
    roles: MANAGERS,
    sample: () => ({ body: { mapping: CLASS_LIST_MAPPING, excludedRows: [] } }),
    ok: [200, 409],
    why: 'the first allowed call imports the list, the rest get 409 import_committed',
  },
  'POST /api/ejournal/import': {
    kind: 'school',
    roles: MANAGERS,
    ok: [400],
    why: 'a file with only a header: 400 ejournal_has_errors after the gate',
  },
  'PUT /api/organisations/:id/thresholds': {
    kind: 'municipality',
    roles: ['national_admin', 'municipal_coordinator'],
  },
  'POST /api/semesters': {
    kind: 'none',
    roles: ADMIN,
    ok: [201, 400],
    why: 'overlaps a semester: 400 after the gate',
  },
  'PATCH /api/semesters/:id': {
    kind: 'none',
    roles: ADMIN,
    ok: [200, 400],
    why: 'dates outside its school year: 400',
  },
  'POST /api/risk-catalogue': {
    kind: 'none',
    roles: ADMIN,
    ok: [201, 409],
    why: 'one code: then 409 code_taken',
  },
  'PUT /api/risk-catalogue/:id': { kind: 'none', roles: ADMIN },
  'POST /api/risk-catalogue/:id/retired': { kind: 'none', roles: ADMIN, order: 1 },
  'PUT /api/letter-templates/:kind/:language': { kind: 'none', roles: ADMIN },
  'POST /api/letter-templates/preview': { kind: 'none', roles: ADMIN },
  'POST /api/referrals/:id/status': {
    kind: 'referral',
    roles: ['partner'],
    ok: [200, 409],
    why: 'the partner answers a referral it has accepted (409 before)',
  },
  'PUT /api/referrals/:id/attachment': {
    kind: 'referral',
    roles: ['partner'],
    ok: [200, 201, 409],
    why: 'an answer is attached once the referral is answered (409 before)',
  },
  'POST /api/referrals/:id/close': {
    kind: 'referral',
    roles: ['school_director', 'school_coordinator'],
    order: 1,
    ok: [200, 409],
    why: 'closes an answered referral (409 before)',
  },
  'POST /api/referrals/:id/withdraw': {
    kind: 'referral',
    roles: ['school_director', 'school_coordinator'],
    order: 1,
    ok: [200, 409],
    why: 'the first allowed call withdraws it, then 409',
  },
  'POST /api/reports/refresh': {
    kind: 'none',
    roles: MANAGERS,
    ok: [202, 409],
    why: 'a background job; on PostgreSQL an earlier role\u2019s job may still be queued (409 job_running, after the gate)',
  },
  // The current school year: each relation's plan was submitted in it, so its student is a programme
  // student of its school. The moved student's outcome stays with school 1, whose plan it had.
  'PUT /api/outcomes/:studentId': {
    kind: 'student',
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
    scope: OUTCOME_SCOPE,
    sample: (c) => ({ body: { schoolYear: c.schoolYear, outcome: OUTCOME } }),
    why: 'the moved student’s outcome of the year is school 1’s (the school of its plan that year)',
  },
  'DELETE /api/outcomes/:studentId': {
    kind: 'student',
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
    scope: OUTCOME_SCOPE,
    order: 1,
    sample: (c) => ({ query: { schoolYear: String(c.schoolYear) } }),
    why: 'the moved student’s outcome of the year is school 1’s (the school of its plan that year)',
  },
  'POST /api/outcomes/import': {
    kind: 'school',
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
    ok: [400],
    why: 'a file without the outcome columns: 400 after the gate',
  },
  'POST /api/risk-score/refit': {
    kind: 'none',
    roles: ADMIN,
    ok: [202, 409],
    why: 'a background job; on PostgreSQL an earlier role\u2019s job may still be queued (409 job_running, after the gate)',
  },
};
