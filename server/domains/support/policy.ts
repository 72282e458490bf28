import {
  PIN_ROLES,
  SUPPORT_ROLES,
  TIMESHEET_ENTER_ROLES,
  TIMESHEET_ROLES,
  TIMESHEET_SIGN_OFF_ROLES,
} from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';

export const SUPPORT_RECORD = 'support.record';
/** Record a session against one measure: only its named provider. */
export const SUPPORT_RECORD_MEASURE = 'support.record_measure';

/** A measure of a plan as the gate sees it: the plan's school and the provider the measure names. */
export interface MeasureResource extends OrgResource {
  providerIds: string[];
}
export const STUDENT_PIN_SET = 'student.pin_set';

definePolicies<MeasureResource>({
  // A provider records sessions only against the measures that name them.
  [SUPPORT_RECORD_MEASURE]: {
    roles: SUPPORT_ROLES,
    when: (_grant, measure, actor) => measure.providerIds.includes(actor.userId),
  },
});

/** A recorded session as the gate sees it: its school and who gave it. */
export interface SessionResource extends OrgResource {
  providerId: string;
}
/** Let a student confirm a session in person, on the provider's device. */
export const SUPPORT_SESSION_CONFIRM = 'support.session_confirm';

definePolicies<SessionResource>({
  // Only the provider who gave the session takes the students' PINs for it (another one: 404).
  [SUPPORT_SESSION_CONFIRM]: {
    roles: SUPPORT_ROLES,
    when: (_grant, session, actor) => session.providerId === actor.userId,
  },
});

definePolicies<OrgResource>({
  // Providers record their own sessions (each measure: SUPPORT_RECORD_MEASURE).
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

defineAbilities('student', { setPin: STUDENT_PIN_SET });

defineAbilities('organisation', {
  viewTimesheets: TIMESHEET_VIEW,
  enterTimesheets: TIMESHEET_ENTER,
  signOffTimesheets: TIMESHEET_SIGN_OFF,
});

defineAbilities('navigation', {
  recordSupport: SUPPORT_RECORD,
  viewOwnTimesheet: SUPPORT_RECORD,
  viewTimesheets: TIMESHEET_VIEW,
  enterTimesheets: TIMESHEET_ENTER,
  signOffTimesheets: TIMESHEET_SIGN_OFF,
  setPins: STUDENT_PIN_SET,
});

/** Schedule (or cancel) a planned consultation on a measure for one of its providers. */
export const PLAN_SCHEDULE = 'plan.schedule';

/** A measure and the provider a planned session is for. */
export interface ScheduleResource extends MeasureResource {
  providerId: string;
}

definePolicies<ScheduleResource>({
  // A provider schedules their own sessions on measures that name them; the school's coordinator
  // schedules for any provider the measure names.
  [PLAN_SCHEDULE]: {
    roles: SUPPORT_ROLES,
    when: (grant, r, actor) =>
      r.providerIds.includes(r.providerId) &&
      (r.providerId === actor.userId || grant.role === 'school_coordinator'),
  },
});

/** See the planned sessions of the whole school (the coordinator's week view). */
export const PLAN_SCHEDULE_SCHOOL = 'plan.schedule_school';
definePolicies<OrgResource>({
  [PLAN_SCHEDULE_SCHOOL]: { roles: ['school_coordinator'] },
});
