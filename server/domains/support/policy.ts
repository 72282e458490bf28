import { definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const SUPPORT_RECORD = 'support.record';
export const STUDENT_PIN_SET = 'student.pin_set';

definePolicies<OrgResource>({
  // Providers record their own sessions; the measure must name them (checked in the service).
  [SUPPORT_RECORD]: { roles: ['teacher', 'specialist', 'plan_preparer', 'school_coordinator', 'school_director'] },
  // The school gives each student a confirmation PIN.
  [STUDENT_PIN_SET]: { roles: ['school_director', 'school_coordinator'] },
});
