import { MANAGERS } from '../roles.ts';
import type { Matrix, MatrixEntry } from '../types.ts';

const TEAM = ['school_director', 'school_coordinator', 'plan_preparer'] as const;
const APPROVERS = ['school_director', 'municipal_coordinator', 'expert'] as const;
const STATE =
  'the plan’s state decides after the gate (403 plan_action_not_allowed, 409 plan_moved_away); plan-matrix.int.test.ts walks every role × status × action';

/** A plan transition: the plan team (or the approvers), whatever the state says after the gate. */
const transition = (roles: MatrixEntry['roles'], more: Partial<MatrixEntry> = {}): MatrixEntry => ({
  kind: 'plan',
  roles,
  ok: [200, 403, 409],
  // The moved student's old plan is read-only for everyone: 409 plan_moved_away comes before the role.
  denied: [403, 404, 409],
  why: STATE,
  ...more,
});

/** Writes on plans, approvals, support sessions, timesheets, budgets and payments. */
export const planWriteEntries: Matrix = {
  'POST /api/plans': {
    kind: 'student',
    roles: TEAM,
    sample: (c) => ({ body: { studentId: c.t.studentId, semesterId: c.semesterId } }),
    ok: [409],
    why: 'each seeded student already has the semester’s plan: 409 after the gate',
  },
  'PUT /api/plans/:id/content': transition(TEAM, { ok: [200, 400, 403, 409] }),
  'POST /api/plans/:id/submit': transition(TEAM),
  'POST /api/plans/:id/approve': transition(APPROVERS),
  'POST /api/plans/:id/return': transition(APPROVERS, { ok: [200, 400, 403, 409] }),
  'POST /api/plans/:id/start': transition(TEAM),
  'POST /api/plans/:id/pause': transition(TEAM),
  'POST /api/plans/:id/resume': transition(TEAM),
  'POST /api/plans/:id/revise': transition(TEAM),
  'POST /api/plans/:id/evaluate': transition(TEAM),
  'POST /api/plans/:id/close': transition(TEAM, { order: 1 }),
  'POST /api/plans/:id/delete': transition(TEAM, { order: 1 }),
  'POST /api/plans/:id/signed-files': transition(TEAM, { ok: [201, 409] }),
  'POST /api/approvals/approve': {
    kind: 'plan',
    roles: APPROVERS,
    // A bulk request: the own plan and the relation's; one plan out of scope makes the whole set 404.
    sample: (c) => ({ body: { planIds: [...new Set([c.own.planId, c.t.planId])] } }),
    ok: [200, 403, 409],
    denied: [403, 404, 409],
    why: STATE,
  },
  // Walked before the plan transitions (order -1), while each relation's plan is still in progress.
  'POST /api/plans/:id/payments': transition(['school_director', 'school_coordinator'], {
    order: -1,
    sample: (c) => ({
      body: {
        measureId: c.t.economicMeasureId,
        onDate: c.today,
        amountCents: 1500,
        recipient: 'SIA Autobuss',
        documentRef: 'Čeks 1',
      },
    }),
    ok: [201, 409],
    why: 'the first records the payment, the same receipt again is 409 payment_duplicate; the moved student’s plan has ended (409)',
  }),
  'PUT /api/plans/:id/payments/:paymentId/scan': transition(['school_director', 'school_coordinator'], {
    order: -1,
    ok: [200, 409],
    why: 'replaces the seeded payment’s receipt scan; the moved student’s plan is read-only (409 plan_moved_away)',
  }),
  'POST /api/support/sessions': {
    kind: 'plan',
    // While the own plan is in progress (before the transitions): its provider, the teacher, records.
    order: -1,
    roles: ['school_director', 'school_coordinator', 'plan_preparer', 'specialist', 'teacher'],
    sample: (c) => ({
      body: {
        onDate: c.today,
        startTime: '10:00',
        minutes: 40,
        mode: 'in_person',
        topic: 'Matemātika',
        participants: [{ studentId: c.t.studentId, planId: c.t.planId, measureId: c.t.measureId }],
      },
    }),
    ok: [201, 403, 409],
    // Any measure not naming the caller is 403 session_not_your_measure, whether it exists or not (no
    // oracle); the ex-provider of the moved student's plan hears 409 session_plan_not_running.
    notFound: [403, 404, 409],
    why: 'only the measure’s provider records (403 session_not_your_measure); the moved student’s ended plan takes no sessions (409)',
  },
  'POST /api/support/sessions/:id/confirm': {
    // Each relation's session was given by its consultation's provider: the own one (and the moved
    // student's, given at school 1 before the move) by the matrix's teacher; nobody else reaches them.
    kind: 'plan',
    roles: ['teacher'],
    scope: { teacher: ['own', 'moved_former'] },
    ok: [200, 400, 409],
    why: 'only the session’s provider takes PINs: the own student’s PIN confirms it (200, then 409 session_confirmed); the moved student has no PIN (409 pin_not_set)',
  },
  // The coordinator schedules for any provider the measure names, a provider for themself (the
  // sample names the relation's provider, for the own plan the matrix's teacher).
  'POST /api/support/planned': {
    kind: 'plan',
    roles: ['school_coordinator', 'teacher'],
    order: -1,
    sample: (c) => ({
      body: {
        planId: c.t.planId,
        measureId: c.t.measureId,
        providerId: c.t.providerId,
        onDate: c.today,
        startTime: '15:00',
        minutes: 45,
        mode: 'in_person',
        room: '204',
      },
    }),
    ok: [201, 409],
    why: 'the first schedules the slot, the next 409 planned_slot_taken; the moved student’s ended plan takes none (409 planned_plan_not_active)',
  },
  // Each relation's plan has a session planned for its provider (fixture).
  'POST /api/support/planned/:id/cancel': {
    kind: 'plan',
    roles: ['school_coordinator', 'teacher'],
    // The teacher is the provider of the moved student's planned session too (planned at school 1).
    scope: { teacher: ['own', 'moved_former'] },
    ok: [200, 409],
    why: 'the first allowed call cancels it, then 409 planned_not_open',
  },
  'POST /api/support/calendar-feed': {
    kind: 'none',
    roles: ['school_director', 'school_coordinator', 'plan_preparer', 'specialist', 'teacher'],
  },
  'POST /api/notifications/:id/read': {
    kind: 'none',
    roles: [
      'national_admin',
      'expert',
      'municipal_coordinator',
      'school_director',
      'school_coordinator',
      'plan_preparer',
      'specialist',
      'teacher',
      'partner',
      'auditor',
    ],
    ok: [404],
    why: 'an unknown notification: a user reaches only its own',
  },
  'POST /api/timesheets/entries': {
    kind: 'school',
    roles: ['school_director', 'school_coordinator'],
    ok: [201, 400],
    why: 'the sample adjusts an open month (400 after the gate: adjustments only after a sign-off)',
  },
  'POST /api/timesheets/sign-off': { kind: 'school', roles: ['school_coordinator'], order: 1 },
  'PUT /api/budgets': { kind: 'school', roles: ['national_admin', 'municipal_coordinator'] },
  'PUT /api/support-caps': { kind: 'none', roles: ['national_admin'] },
  'POST /api/organisations/:id/indicators/recompute': {
    kind: 'school',
    roles: MANAGERS,
    ok: [202, 409],
    why: 'a background job; on PostgreSQL an earlier role\u2019s job may still be queued (409 job_running, after the gate)',
  },
};
