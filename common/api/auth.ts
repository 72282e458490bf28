import { z } from 'zod';
import { LANGUAGES, ORG_TYPES, ROLES } from '../roles.ts';
import { zExact, zLine } from './fields.ts';

export const ZLoginBody = z.object({
  email: zLine(254, 1),
  password: zExact(1024, 1),
});
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZCsrf = z.object({ token: z.string() });

export const ZGrant = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  organisationId: z.string(),
  organisationName: z.string(),
  organisationType: z.enum(ORG_TYPES),
});
export type TGrant = z.infer<typeof ZGrant>;

/** What the signed-in user may see in the navigation; the server checks every request anyway. */
export const ZPermissions = z.object({
  manageOrganisations: z.boolean(),
  manageUsers: z.boolean(),
  viewAudit: z.boolean(),
  /** Sees a student list (whole school or assigned students). */
  viewStudents: z.boolean(),
  /** Registers, edits, moves and imports students. */
  manageStudents: z.boolean(),
});

/**
 * What the signed-in user may open (page-level navigation), from the server's gate: true when some
 * grant may do it somewhere. Each record then carries its own `can`. The web keeps no role lists.
 */
export const ZNavigationAbilities = z.object({
  viewStudents: z.boolean(),
  manageStudents: z.boolean(),
  manageOrganisations: z.boolean(),
  manageUsers: z.boolean(),
  viewAudit: z.boolean(),
  /** Approve plans at some level (the approval queue). */
  approvePlans: z.boolean(),
  viewWatchList: z.boolean(),
  manageThresholds: z.boolean(),
  importEjournal: z.boolean(),
  manageRiskCatalogue: z.boolean(),
  /** Record consultations (my students, my week). */
  recordSupport: z.boolean(),
  /** The start page shows the caller's recent case notes and sessions (a specialist's). */
  myNotes: z.boolean(),
  viewTimesheets: z.boolean(),
  viewOwnTimesheet: z.boolean(),
  enterTimesheets: z.boolean(),
  signOffTimesheets: z.boolean(),
  /** Set students' confirmation PINs (one at a time or a whole class). */
  setPins: z.boolean(),
  viewBudgets: z.boolean(),
  manageCaps: z.boolean(),
  manageCalendar: z.boolean(),
  /** Edit the national letter templates. */
  manageLetterTemplates: z.boolean(),
  /** A partner institution's referrals (issue 12). */
  viewPartnerReferrals: z.boolean(),
  /** Has tasks ("my tasks" and the start page's counter). */
  viewTasks: z.boolean(),
  /** Background jobs of the caller's scope (imports, recomputations; issue 13). */
  viewJobs: z.boolean(),
  /** The dashboards and the programme's figures (issue 14; the auditor too, suppressed). */
  viewReports: z.boolean(),
  /** Ask for the reports' figures to be recomputed now. */
  refreshReports: z.boolean(),
  /** Students' year-end outcomes of a school (issue 14). */
  viewOutcomes: z.boolean(),
  /** The advisory risk score's model card (issue 15). */
  viewRiskModel: z.boolean(),
  /** Refit the national risk score now (the national admin). */
  refitRiskScore: z.boolean(),
  /** The flag validation and fairness report of a municipality or the nation (issue 15). */
  viewFlagValidation: z.boolean(),
  /** The privacy page: the erasure log, the retention classes and the record of processing (issue 16). */
  viewPrivacy: z.boolean(),
});
export type TNavigationAbilities = z.infer<typeof ZNavigationAbilities>;

export const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  language: z.enum(LANGUAGES),
  grants: z.array(ZGrant),
  /** The first five navigation abilities, as before `can` (kept for API clients). */
  permissions: ZPermissions,
  can: ZNavigationAbilities,
  /** The second factor (issue 16): what the session still owes, and the user's state. */
  secondFactor: z.object({
    pending: z.enum(['required', 'enrol']).nullable(),
    enabled: z.boolean(),
    mandatory: z.boolean(),
    stepUpUntil: z.string().nullable(),
  }),
});
export type TMe = z.infer<typeof ZMe>;

export const ZUpdateMeBody = z.object({ language: z.enum(LANGUAGES) });

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
});
