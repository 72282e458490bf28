import { MANAGERS, STAFF } from '../roles.ts';
import type { Matrix, MatrixEntry } from '../types.ts';

/** A write of one student's data by the roles in `roles`, audited; a 404 out of scope audited as denied. */
const studentWrite = (roles: MatrixEntry['roles'], more: Partial<MatrixEntry> = {}): MatrixEntry => ({
  kind: 'student',
  roles,
  audit: true,
  ...more,
});
const GUARDIAN_ROLES = [...MANAGERS, 'plan_preparer'] as const;

/** Writes on students and what hangs on them. */
export const studentWriteEntries: Matrix = {
  'POST /api/students': {
    kind: 'school',
    roles: MANAGERS,
    ok: [201, 409],
    why: 'the sample registers one personal code: the first allowed call creates it, the rest get 409 personal_code_taken',
  },
  'PATCH /api/students/:id': studentWrite(MANAGERS, {
    sample: () => ({ body: { classLabel: '9.m', grade: 9 } }),
  }),
  'POST /api/students/:id/reveal-code': studentWrite([...MANAGERS, 'plan_preparer']),
  'POST /api/students/:id/assignments': studentWrite(MANAGERS, {
    ok: [201, 400, 409],
    why: 'assigns the relation school’s teacher: 409 once assigned, 400 not_school_staff on the moved student (now at school 2)',
  }),
  'POST /api/students/:id/guardians': studentWrite(GUARDIAN_ROLES),
  'PUT /api/students/:id/guardians/:guardianId': studentWrite(GUARDIAN_ROLES),
  'POST /api/students/:id/applications': studentWrite(GUARDIAN_ROLES, {
    sample: (c) => ({ body: { signedOn: c.today, signerType: 'guardian', guardianId: c.t.guardianId } }),
  }),
  'PUT /api/students/:id/applications/:applicationId/scan': studentWrite(GUARDIAN_ROLES),
  'POST /api/students/:id/applications/:applicationId/withdraw': studentWrite(GUARDIAN_ROLES, {
    order: 1,
    ok: [200, 409],
    why: 'the first allowed call withdraws it, the rest get 409 (already withdrawn)',
  }),
  'DELETE /api/students/:id/guardians/:guardianId': studentWrite(GUARDIAN_ROLES, {
    order: 1,
    ok: [200, 204, 409],
    why: 'a guardian who signed an application stays (409 guardian_has_applications)',
  }),
  'DELETE /api/students/:id/assignments/:userId': studentWrite(MANAGERS, {
    order: 1,
    ok: [200, 204, 404],
    why: 'names the relation school’s unassigned teacher: nothing to remove (the admin answers 200, others 404)',
  }),
  'POST /api/students/:id/move': studentWrite(MANAGERS, {
    order: 2,
    // To school 2: the own student moves (the last case of the walk); the others are at or beyond it.
    sample: (c) => ({
      body: {
        // Foreign students "move" to their own school (400 same_school past the gate), so that none
        // lands in another user's scope; the own one moves to school 2.
        toSchoolId:
          c.t === c.own || c.t === c.targets.moved_former ? c.targets.sibling.schoolId : c.t.schoolId,
        movedOn: c.today,
        classLabel: '9.m',
        grade: 9,
        reason: 'Pārcelšanās',
      },
    }),
    ok: [200, 400, 404],
    why: 'the first allowed call moves the own student to school 2: then 400 same_school above it, 404 for school 1’s staff, who no longer see it',
  }),
  'POST /api/students/:id/risks': studentWrite(
    ['school_director', 'school_coordinator', 'plan_preparer', 'specialist'],
    {
      ok: [201, 409],
      why: 'the seeded risk item is already recorded for the semester (409 risk_recorded after the gate)',
    },
  ),
  'DELETE /api/students/:id/risks/:riskId': studentWrite(
    ['school_director', 'school_coordinator', 'plan_preparer', 'specialist'],
    { order: 1, ok: [200, 204, 404], why: 'the first allowed call deletes it; then 404' },
  ),
  'POST /api/students/:id/attendance': studentWrite(MANAGERS),
  'POST /api/students/:id/marks': studentWrite(MANAGERS),
  'POST /api/students/:id/behaviour': studentWrite(MANAGERS),
  'POST /api/students/:id/legal-duty': studentWrite(
    ['national_admin', 'school_director', 'school_coordinator'],
    {
      ok: [400],
      why: 'the seeded student has no unjustified lessons: 400 legal_duty_not_due after the gate',
    },
  ),
  'PUT /api/students/:id/pin': studentWrite(['school_director', 'school_coordinator']),
  'POST /api/students/pins/generate': {
    kind: 'student',
    roles: ['school_director', 'school_coordinator'],
    // A bulk request: the own student and the relation's together; one foreign id makes the set 404.
    sample: (c) => ({
      body: {
        schoolId: c.own.schoolId,
        studentIds: [...new Set([c.own.studentId, c.t.studentId])],
        mode: 'missing',
      },
    }),
    ok: [200, 409],
    why: 'the set is decided after the gate (409 when a PIN was set by an earlier case)',
  },
  'POST /api/students/:id/notes': studentWrite(STAFF),
  'PUT /api/students/:id/notes/:noteId': studentWrite(['school_coordinator'], {
    why: 'only the note’s author (school 1’s coordinator seeded it) edits it',
  }),
  'POST /api/tasks': {
    kind: 'student',
    roles: STAFF,
    sample: (c) => ({ body: { title: 'Piezvanīt mātei', dueOn: c.today, studentId: c.t.studentId } }),
  },
  'POST /api/tasks/:id/done': { kind: 'school', roles: MANAGERS },
  'POST /api/tasks/:id/reopen': { kind: 'school', roles: MANAGERS },
  'POST /api/students/:id/letters': studentWrite(MANAGERS, {
    ok: [201, 403, 409],
    why: 'an invitation about a plan not approved is refused after the gate (403); a second one 409 letter_duplicate',
    sample: (c) => ({
      body: {
        kind: 'invitation',
        language: 'lv',
        guardianId: c.t.guardianId,
        method: 'printed',
        planId: c.t.planId,
      },
    }),
  }),
  'POST /api/students/:id/referrals/preview': studentWrite([
    'school_director',
    'school_coordinator',
    'plan_preparer',
    'specialist',
  ]),
  'POST /api/students/:id/referrals': studentWrite(
    ['school_director', 'school_coordinator', 'plan_preparer', 'specialist'],
    {
      ok: [201, 409],
      why: 'one open referral per partner: 409 referral_duplicate after the first',
      sample: (c) => ({
        body: {
          partnerId: c.t.partnerId,
          reason: 'Lūdzam izvērtēt.',
          items: ['name'],
          urgency: 'normal',
          dueOn: c.today,
        },
      }),
    },
  ),
};
