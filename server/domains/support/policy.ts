import {
  PIN_ROLES,
  SUPPORT_ROLES,
  TIMESHEET_ENTER_ROLES,
  TIMESHEET_ROLES,
  TIMESHEET_SIGN_OFF_ROLES,
} from '../../../common/roles.ts';
import { definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const SUPPORT_RECORD = 'support.record';
export const STUDENT_PIN_SET = 'student.pin_set';

definePolicies<OrgResource>({
  // Providers record their own sessions; the measure must name them (checked in the service).
  [SUPPORT_RECORD]: { roles: SUPPORT_ROLES },
  // The school gives each student a confirmation PIN.
  [STUDENT_PIN_SET]: { roles: PIN_ROLES },
});

export const TIMESHEET_VIEW = 'timesheet.view';
export const TIMESHEET_ENTER = 'timesheet.enter';
export const TIMESHEET_SIGN_OFF = 'timesheet.sign_off';

definePolicies<OrgResource>({
  [TIMESHEET_VIEW]: { roles: TIMESHEET_ROLES },
  [TIMESHEET_ENTER]: { roles: TIMESHEET_ENTER_ROLES },
  // The school coordinator signs a month off (DESIGN.md, timesheets).
  [TIMESHEET_SIGN_OFF]: { roles: TIMESHEET_SIGN_OFF_ROLES },
});
