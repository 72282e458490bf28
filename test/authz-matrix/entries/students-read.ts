import { MANAGERS, STAFF, WHOLE, without } from '../roles.ts';
import type { Matrix, MatrixEntry } from '../types.ts';

/** A read of one student's data: every staff role in scope, audited, a denial audited too. */
const studentRead: MatrixEntry = { kind: 'student', roles: STAFF, audit: true, auditDenied: true };

/** Reads of students and of what hangs on a student (notes, risks, letters, referrals, tasks…). */
export const studentReadEntries: Matrix = {
  'GET /api/students': { kind: 'school', roles: STAFF, list: true },
  'GET /api/students/:id': studentRead,
  'GET /api/students/:id/applications/:applicationId/scan': studentRead,
  'GET /api/students/:id/risks': studentRead,
  'GET /api/students/:id/indicators': studentRead,
  'GET /api/students/:id/charts': studentRead,
  'GET /api/students/:id/referrals': studentRead,
  'GET /api/students/:id/notes': studentRead,
  'GET /api/students/:id/notes/:noteId': studentRead,
  'GET /api/students/:id/notes/:noteId/revisions': studentRead,
  'GET /api/students/:id/chronology': studentRead,
  'GET /api/students/:id/chronology.pdf': studentRead,
  'GET /api/students/:id/tasks': studentRead,
  'GET /api/students/:id/letters': { ...studentRead, roles: MANAGERS },
  'GET /api/students/:id/letters/:letterId/pdf': { ...studentRead, roles: MANAGERS },
  'GET /api/notes/mine': { kind: 'none', roles: STAFF },
  'GET /api/tasks': {
    kind: 'none',
    roles: STAFF,
    mayShow: ['moved_former student id', 'moved_former plan id'],
    why: 'the teacher’s own task to take the PINs of the session given to the moved student at school 1 before the move',
  },
  'GET /api/tasks/counts': { kind: 'none', roles: STAFF },
  'GET /api/tasks/assignees': { kind: 'none', roles: STAFF },
  'GET /api/watch-list': { kind: 'school', roles: WHOLE, list: true },
  'GET /api/watch-list/summary': { kind: 'school', roles: WHOLE, list: true },
  'GET /api/watch-list.xlsx': { kind: 'school', roles: WHOLE, list: true },
  'GET /api/organisations/:id/thresholds': { kind: 'municipality', roles: WHOLE },
  'GET /api/referrals': { kind: 'none', roles: ['partner'] },
  'GET /api/referrals/:id': { kind: 'referral', roles: [...STAFF, 'partner'], audit: true },
  // Each relation's partner received its referral and attached an answer (fixture).
  'GET /api/referrals/:id/attachment': {
    kind: 'referral',
    roles: [...without(STAFF, 'teacher'), 'partner'],
    audit: true,
  },
};
