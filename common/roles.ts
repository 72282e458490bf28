/** Role codes of DESIGN.md. Each grant gives one role on one organisation. */
export const ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
  'plan_preparer',
  'specialist',
  'teacher',
  'partner',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_TYPES = ['nation', 'municipality', 'school', 'partner'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** A state vocational school sits directly under the nation; the others under a municipality. */
export const SCHOOL_TYPES = ['general', 'special', 'vocational', 'state_vocational'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const LANGUAGES = ['lv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Which organisation types a role may be granted on. */
export const ROLE_ORG_TYPES: Record<Role, readonly OrgType[]> = {
  national_admin: ['nation'],
  expert: ['nation', 'municipality', 'school'],
  municipal_coordinator: ['municipality'],
  school_director: ['school'],
  school_coordinator: ['school'],
  plan_preparer: ['school'],
  specialist: ['school', 'municipality'],
  teacher: ['school'],
  partner: ['partner'],
  auditor: ['nation', 'municipality'],
};

export const MIN_PASSWORD_LENGTH = 12;

/** Roles that must sign in with a second factor (TOTP); for the others it is optional (issue 16). */
export const SECOND_FACTOR_ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
] as const satisfies readonly Role[];

/*
 * Named role lists, one per server policy (server/domains/<domain>/policy.ts uses them as its
 * rule's roles), so the web shows exactly what the server allows (web/features/role-lists.test.ts).
 * The server still decides every request; these lists only drive navigation and buttons there.
 */

/** Manage students, imports and e-journal data, users, timesheets, the audit log (within their subtree). */
export const MANAGER_ROLES = [
  'national_admin',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
] as const satisfies readonly Role[];
/** See every student of the organisations under their grant (student.view) and the watch list. */
export const STUDENT_WHOLE_SCOPE_ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
] as const satisfies readonly Role[];
/** See only the students assigned to them (student.view_assigned); assignable to students. */
export const STUDENT_ASSIGNED_ROLES = [
  'plan_preparer',
  'specialist',
  'teacher',
] as const satisfies readonly Role[];
export const WATCH_LIST_ROLES = STUDENT_WHOLE_SCOPE_ROLES;
/** Set the early-warning thresholds (the nation's, or a municipality's). */
export const THRESHOLD_ROLES = ['national_admin', 'municipal_coordinator'] as const satisfies readonly Role[];
/** Record that the municipality was informed of more than 20 unjustified lessons. */
export const LEGAL_DUTY_ROLES = [
  'national_admin',
  'school_director',
  'school_coordinator',
] as const satisfies readonly Role[];
/** Change the national risk catalogue, the semesters and the per-student caps. */
export const NATIONAL_ADMIN_ROLES = ['national_admin'] as const satisfies readonly Role[];
/** A school's plan team: prepares and runs plans (a plan preparer for assigned students only). */
export const PLAN_TEAM_ROLES = [
  'school_director',
  'school_coordinator',
  'plan_preparer',
] as const satisfies readonly Role[];
/** Approve plans, one level each: school director, municipal coordinator, national expert. */
export const PLAN_APPROVER_ROLES = {
  director: ['school_director'],
  municipality: ['municipal_coordinator'],
  expert: ['expert'],
} as const satisfies Record<string, readonly Role[]>;
/** Record the consultations they give. */
export const SUPPORT_ROLES = [
  'teacher',
  'specialist',
  'plan_preparer',
  'school_coordinator',
  'school_director',
] as const satisfies readonly Role[];
export const TIMESHEET_ROLES = MANAGER_ROLES;
/** Add preparation, supervision and adjustment hours to timesheets. */
export const TIMESHEET_ENTER_ROLES = [
  'school_director',
  'school_coordinator',
] as const satisfies readonly Role[];
/** Sign a school's month off. */
export const TIMESHEET_SIGN_OFF_ROLES = ['school_coordinator'] as const satisfies readonly Role[];
/** Give a student the confirmation PIN. */
export const PIN_ROLES = ['school_director', 'school_coordinator'] as const satisfies readonly Role[];
/** See a school's budget (a plan preparer: to see what remains for the own plans). */
export const BUDGET_VIEW_ROLES = [...MANAGER_ROLES, 'plan_preparer'] as const satisfies readonly Role[];
/** Allocate a school's budget (a municipality to its schools; the national admin to any). */
export const BUDGET_ALLOCATE_ROLES = [
  'national_admin',
  'municipal_coordinator',
] as const satisfies readonly Role[];
/** Record economic payments, and decide (with a reason) to go beyond a cap or the budget. */
export const PAYMENT_ROLES = ['school_director', 'school_coordinator'] as const satisfies readonly Role[];
export const OVER_CAP_ROLES = PAYMENT_ROLES;
/** Have tasks ("my tasks", the start page's counter): every staff role; partners and auditors have none. */
export const TASK_ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
  'plan_preparer',
  'specialist',
  'teacher',
] as const satisfies readonly Role[];
/** Open the reports and dashboards of the organisations under the grant (the auditor: suppressed, no names). */
export const REPORT_ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
  'auditor',
] as const satisfies readonly Role[];
/** Ask for the reports' figures to be recomputed now. */
export const REPORT_REFRESH_ROLES = MANAGER_ROLES;
/** Record students' outcomes at the end of the school year (enter or import). */
export const OUTCOME_ROLES = [
  'national_admin',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
] as const satisfies readonly Role[];
/**
 * Read the advisory risk score's model card (issue 15): who sees the watch list or the reports. It
 * holds only the national fit's means, weights and metrics, never a student's data.
 */
export const RISK_MODEL_ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
  'auditor',
] as const satisfies readonly Role[];
/**
 * Open the flag validation and fairness report of a municipality or the nation (issue 15). Not the
 * auditor: it is about students' outcomes at row level, even though it shows them aggregated.
 */
export const FLAG_VALIDATION_ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
] as const satisfies readonly Role[];
