import { MANAGER_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies } from '../../platform/policy/gate.ts';
import type { StudentResource } from '../students/index.ts';

/**
 * Export everything held about one student (GDPR Art. 15): the national admin, the municipal
 * coordinator of the student's municipality, the director and coordinator of the student's current
 * school — the managers, on the student's current school's path. Everyone else who sees the student
 * gets 403; who does not see the student (another tenant, a moved student's former school) 404.
 */
export const SUBJECT_ACCESS_EXPORT = 'subject_access.export';

/** The roles of the export (the web's button follows the student's `can.subjectExport`). */
export const SUBJECT_EXPORT_ROLES = MANAGER_ROLES;

definePolicies<StudentResource>({
  [SUBJECT_ACCESS_EXPORT]: { roles: SUBJECT_EXPORT_ROLES },
});

defineAbilities('student', { subjectExport: SUBJECT_ACCESS_EXPORT });
