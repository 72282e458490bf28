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

export const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  language: z.enum(LANGUAGES),
  grants: z.array(ZGrant),
  permissions: ZPermissions,
});
export type TMe = z.infer<typeof ZMe>;

export const ZUpdateMeBody = z.object({ language: z.enum(LANGUAGES) });

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
});
