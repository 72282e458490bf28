import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';
import type { StudentResource } from '../students/index.ts';

/** Erase (anonymise) a student on request: the national admin, and the municipal coordinator of the student's school. */
export const STUDENT_ERASE = 'student.erase';
/** Read the erasure log of the organisations under the grant. */
export const ERASURE_LOG_VIEW = 'privacy.erasure_log';
/** Read the record of processing activities (GDPR Art. 30) and the retention classes. */
export const ROPA_VIEW = 'privacy.ropa';

definePolicies<StudentResource>({
  [STUDENT_ERASE]: { roles: ['national_admin', 'municipal_coordinator'] },
});
definePolicies<OrgResource>({
  [ERASURE_LOG_VIEW]: { roles: ['national_admin', 'auditor'] },
  [ROPA_VIEW]: { roles: ['national_admin', 'auditor'] },
});

/** The student page's erase button follows the student's `can.erase`. */
defineAbilities('student', { erase: STUDENT_ERASE });
/** The privacy page (erasure log, retention classes, the record of processing) in the navigation. */
defineAbilities('navigation', { viewPrivacy: [ROPA_VIEW, ERASURE_LOG_VIEW] });
