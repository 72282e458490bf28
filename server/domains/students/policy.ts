import { MANAGER_ROLES, STUDENT_ASSIGNED_ROLES, STUDENT_WHOLE_SCOPE_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

/** A student as the gate sees it: the current school's path and the staff assigned to the student. */
export interface StudentResource extends OrgResource {
  assignedUserIds: readonly string[];
}

export const STUDENT_VIEW = 'student.view';
export const STUDENT_VIEW_ASSIGNED = 'student.view_assigned';
export const STUDENT_MANAGE = 'student.manage';
export const STUDENT_CONSENT = 'student.consent';
export const STUDENT_REVEAL_CODE = 'student.reveal_code';
export const STUDENT_IMPORT = 'student.import';
/**
 * The reveal right split as list scopes (like view / view_assigned): personal-code prefix search
 * and sorting by code are allowed only where the caller could reveal the code anyway.
 */
export const STUDENT_REVEAL_CODE_WHOLE = 'student.reveal_code_whole';
export const STUDENT_REVEAL_CODE_ASSIGNED = 'student.reveal_code_assigned';

// Roles that see every student under their grant, only the students assigned, and manage students.
export { STUDENT_ASSIGNED_ROLES, STUDENT_WHOLE_SCOPE_ROLES } from '../../../common/roles.ts';

const MANAGERS = MANAGER_ROLES;

/** For lists: a preparer's grant covers only assigned students, so only the other grants give whole subtrees. */
export const NOT_A_PREPARER = { grant: (g: { role: string }) => g.role !== 'plan_preparer' };

const assigned = (_g: unknown, r: StudentResource, actor: { userId: string }) =>
  r.assignedUserIds.includes(actor.userId);

definePolicies<StudentResource>({
  [STUDENT_VIEW]: { roles: STUDENT_WHOLE_SCOPE_ROLES },
  [STUDENT_VIEW_ASSIGNED]: {
    roles: STUDENT_ASSIGNED_ROLES,
    when: assigned,
    listScope: { assignedToCaller: true },
  },
  [STUDENT_MANAGE]: { roles: MANAGERS },
  // Guardians and applications: the managers, and a plan preparer for the students assigned.
  [STUDENT_CONSENT]: {
    roles: [...MANAGERS, 'plan_preparer'],
    when: (g, r, actor) => g.role !== 'plan_preparer' || r.assignedUserIds.includes(actor.userId),
    listScope: NOT_A_PREPARER,
  },
  [STUDENT_REVEAL_CODE]: {
    roles: [...MANAGERS, 'plan_preparer'],
    when: (g, r, actor) => g.role !== 'plan_preparer' || r.assignedUserIds.includes(actor.userId),
    listScope: NOT_A_PREPARER,
  },
  [STUDENT_REVEAL_CODE_WHOLE]: { roles: MANAGERS },
  [STUDENT_REVEAL_CODE_ASSIGNED]: {
    roles: ['plan_preparer'],
    when: assigned,
    listScope: { assignedToCaller: true },
  },
});

definePolicies<OrgResource>({
  // Imports are per school: the resource is the school.
  [STUDENT_IMPORT]: { roles: MANAGERS },
});

// What a student record's `can` says (the other domains add theirs: plans, risks, support, ejournal).
defineAbilities('student', {
  edit: STUDENT_MANAGE,
  move: STUDENT_MANAGE,
  assignStaff: STUDENT_MANAGE,
  manageGuardians: STUDENT_CONSENT,
  manageApplications: STUDENT_CONSENT,
  withdrawApplication: STUDENT_CONSENT,
  revealCode: STUDENT_REVEAL_CODE,
});

defineAbilities('organisation', { manageStudents: STUDENT_MANAGE });

defineAbilities('navigation', {
  viewStudents: [STUDENT_VIEW, STUDENT_VIEW_ASSIGNED],
  manageStudents: STUDENT_MANAGE,
});
