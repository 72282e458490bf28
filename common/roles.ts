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
