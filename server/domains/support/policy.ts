import { definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const SUPPORT_RECORD = 'support.record';
export const STUDENT_PIN_SET = 'student.pin_set';

definePolicies<OrgResource>({
  // Providers record their own sessions; the measure must name them (checked in the service).
  [SUPPORT_RECORD]: {
    roles: ['teacher', 'specialist', 'plan_preparer', 'school_coordinator', 'school_director'],
  },
  // The school gives each student a confirmation PIN.
  [STUDENT_PIN_SET]: { roles: ['school_director', 'school_coordinator'] },
});

export const TIMESHEET_VIEW = 'timesheet.view';
export const TIMESHEET_ENTER = 'timesheet.enter';
export const TIMESHEET_SIGN_OFF = 'timesheet.sign_off';

definePolicies<OrgResource>({
  [TIMESHEET_VIEW]: {
    roles: ['national_admin', 'municipal_coordinator', 'school_director', 'school_coordinator'],
  },
  [TIMESHEET_ENTER]: { roles: ['school_director', 'school_coordinator'] },
  // The school coordinator signs a month off (DESIGN.md, timesheets).
  [TIMESHEET_SIGN_OFF]: { roles: ['school_coordinator'] },
});

export const BUDGET_VIEW = 'budget.view';
export const BUDGET_ALLOCATE = 'budget.allocate';
export const CAPS_MANAGE = 'caps.manage';
export const PAYMENT_RECORD = 'payment.record';
export const OVER_CAP_DECIDE = 'over_cap.decide';

definePolicies<OrgResource>({
  [BUDGET_VIEW]: {
    roles: [
      'national_admin',
      'municipal_coordinator',
      'school_director',
      'school_coordinator',
      'plan_preparer',
    ],
  },
  // The municipality allocates to its schools; the national admin to state vocational schools (and any).
  [BUDGET_ALLOCATE]: { roles: ['national_admin', 'municipal_coordinator'] },
  [CAPS_MANAGE]: { roles: ['national_admin'] },
  [PAYMENT_RECORD]: { roles: ['school_director', 'school_coordinator'] },
  // The school's director or coordinator records the decision together with the payment.
  [OVER_CAP_DECIDE]: { roles: ['school_director', 'school_coordinator'] },
});
