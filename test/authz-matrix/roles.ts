import { ROLES, type Role } from '../../common/roles.ts';

/** Role sets the entries name (each mirrors a domain policy's rule; the matrix checks them from outside). */
export const EVERYONE: readonly Role[] = ROLES;
export const ADMIN: readonly Role[] = ['national_admin'];
/** The roles that see every student of the organisations under their grant. */
export const WHOLE: readonly Role[] = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
];
/** Managers: students, users, timesheets, the audit log, jobs (within their subtree). */
export const MANAGERS: readonly Role[] = [
  'national_admin',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
];
/** Teachers, specialists and plan preparers: only the students assigned to them. */
export const ASSIGNED: readonly Role[] = ['plan_preparer', 'specialist', 'teacher'];
/** Everyone who works with students (no partner, no auditor). */
export const STAFF: readonly Role[] = [...WHOLE, ...ASSIGNED];
/** The plan team and approvers: whole-scope roles, and assigned ones for their own students. */
export const SCHOOL_STAFF: readonly Role[] = ['school_director', 'school_coordinator', ...ASSIGNED];
export const without = (set: readonly Role[], ...out: Role[]): Role[] => set.filter((r) => !out.includes(r));
