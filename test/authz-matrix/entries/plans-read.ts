import { EVERYONE, MANAGERS, STAFF } from '../roles.ts';
import type { Matrix, MatrixEntry } from '../types.ts';

/** A read of one plan: every staff role in scope (the moved student's old plan stays with school 1). */
const planRead: MatrixEntry = { kind: 'plan', roles: STAFF, audit: true, auditDenied: true };

/** Reads of plans, approvals, support sessions, timesheets, budgets and payments. */
export const planReadEntries: Matrix = {
  'GET /api/plans': { kind: 'school', roles: STAFF, list: true },
  'GET /api/plans/:id': planRead,
  'GET /api/plans/:id/diff': planRead,
  'GET /api/plans/:id/pdf': planRead,
  'GET /api/plans/:id/progress': planRead,
  'GET /api/plans/:id/signed-files': planRead,
  // Each relation's running plan has a signed copy and a payment with a scanned receipt (fixture).
  'GET /api/plans/:id/signed-files/:fileId': planRead,
  'GET /api/plans/:id/payments': planRead,
  'GET /api/plans/:id/payments/:paymentId/scan': planRead,
  'GET /api/approvals': { kind: 'none', roles: EVERYONE },
  'GET /api/notifications': {
    kind: 'none',
    roles: EVERYONE,
    mayShow: ['moved_former plan id'],
    why: 'the teacher was told of the plan naming it a provider before the student moved',
  },
  'GET /api/support/planned': {
    kind: 'none',
    roles: EVERYONE,
    mayShow: ['moved_former student id', 'moved_former plan id'],
    why: 'the teacher’s own calendar: a consultation planned at school 1 for the moved student before the move (nothing cancels it when the plan ends)',
  },
  'GET /api/support/sessions': {
    kind: 'none',
    roles: EVERYONE,
    mayShow: ['moved_former student id', 'moved_former plan id'],
    why: 'the teacher’s own sessions: one given to the moved student at school 1 before the move (kept with school 1, as the plan is)',
  },
  'GET /api/support/my-measures': { kind: 'none', roles: EVERYONE },
  'GET /api/support-caps': { kind: 'none', roles: EVERYONE },
  'GET /api/timesheets': { kind: 'school', roles: MANAGERS },
  'GET /api/timesheets.xlsx': { kind: 'school', roles: MANAGERS },
  'GET /api/timesheets/mine': {
    kind: 'none',
    roles: ['school_director', 'school_coordinator', 'plan_preparer', 'specialist', 'teacher'],
    mayShow: ['moved_former plan id'],
    why: 'the teacher’s own timesheet: the session given to the moved student at school 1 before the move',
  },
  'GET /api/budgets': { kind: 'school', roles: [...MANAGERS, 'plan_preparer'] },
};
