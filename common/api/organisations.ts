import { z } from 'zod';
import { ORG_TYPES, SCHOOL_TYPES } from '../roles.ts';
import { zLine } from './fields.ts';

/** The kinds of partner institution (issue 12): social service, orphans' court, police, health care, NGO, other. */
export const PARTNER_KINDS = [
  'social_service',
  'orphans_court',
  'police',
  'health_care',
  'ngo',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** The caller's abilities on one organisation, from the server's gate (the web shows buttons by these). */
export const ZOrganisationAbilities = z.object({
  edit: z.boolean(),
  /** The kinds of organisation the caller may add directly under this one. */
  create: z.array(z.enum(['municipality', 'school', 'partner'])),
  /** Register, import and move students, enter e-journal data (a school's managers). */
  manageStudents: z.boolean(),
  /** Set the early-warning thresholds (the nation's or a municipality's). */
  manageThresholds: z.boolean(),
  /** Start a recomputation of the schools' student indicators (a background job). */
  recomputeIndicators: z.boolean(),
  viewBudget: z.boolean(),
  allocateBudget: z.boolean(),
  viewTimesheets: z.boolean(),
  /** Add preparation, supervision and adjustment hours to the school's timesheets. */
  enterTimesheets: z.boolean(),
  signOffTimesheets: z.boolean(),
});
export type TOrganisationAbilities = z.infer<typeof ZOrganisationAbilities>;

export const ZOrganisation = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  type: z.enum(ORG_TYPES),
  schoolType: z.enum(SCHOOL_TYPES).nullable(),
  /** A partner institution's kind; null for other organisations. */
  partnerKind: z.enum(PARTNER_KINDS).nullable(),
  name: z.string(),
  code: z.string().nullable(),
  active: z.boolean(),
  can: ZOrganisationAbilities,
});
export type TOrganisation = z.infer<typeof ZOrganisation>;

export const ZOrganisationList = z.object({ items: z.array(ZOrganisation) });

const name = zLine(200, 2);
const code = zLine(40).nullable().optional();

export const ZCreateOrganisationBody = z.object({
  parentId: z.uuid(),
  type: z.enum(['municipality', 'school', 'partner']),
  schoolType: z.enum(SCHOOL_TYPES).nullable().optional(),
  partnerKind: z.enum(PARTNER_KINDS).nullable().optional(),
  name,
  code,
});
export type TCreateOrganisationBody = z.infer<typeof ZCreateOrganisationBody>;

export const ZUpdateOrganisationBody = z
  .object({
    name: name.optional(),
    code,
    schoolType: z.enum(SCHOOL_TYPES).nullable().optional(),
    partnerKind: z.enum(PARTNER_KINDS).nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'empty' });
export type TUpdateOrganisationBody = z.infer<typeof ZUpdateOrganisationBody>;

/** Every active school in the country, for choosing where a student moves. */
export const ZSchoolDirectory = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      municipalityName: z.string().nullable(),
      schoolType: z.enum(SCHOOL_TYPES).nullable(),
    }),
  ),
});
