import { z } from 'zod';
import { LANGUAGES, MIN_PASSWORD_LENGTH, ROLES } from '../roles.ts';
import { ZGrant } from './auth.ts';
import { checkCursor, pageFields } from './cursor.ts';
import { zExact, zLine } from './fields.ts';

export const ZUserSummary = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  active: z.boolean(),
  homeOrganisationId: z.string(),
  homeOrganisationName: z.string(),
  roles: z.array(z.enum(ROLES)),
});
export type TUserSummary = z.infer<typeof ZUserSummary>;

export const ZUserList = z.object({
  items: z.array(ZUserSummary),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

/** The caller's abilities on one account, from the server's gate (the web shows buttons by these). */
export const ZUserAbilities = z.object({
  /** Change the profile, the active flag and the password. */
  edit: z.boolean(),
  /** Add a grant (some role on some organisation in the caller's scope). */
  addGrant: z.boolean(),
  /** The roles the caller may grant somewhere (the add-grant form offers these). */
  grantRoles: z.array(z.enum(ROLES)),
  /** For each grant shown: whether the caller may remove it. */
  removeGrant: z.record(z.string(), z.boolean()),
  /** Remove the user's second factor (a lost authenticator): `edit`, and not the caller's own account. */
  resetSecondFactor: z.boolean(),
});
export type TUserAbilities = z.infer<typeof ZUserAbilities>;

/** The employer's number of a person for payroll: letters, digits and . _ / - only. */
export const zEmployeeId = zLine(40, 1).regex(/^[\p{L}\p{N}._/-]+$/u, 'employee_id_format');

export const ZUserDetail = ZUserSummary.extend({
  language: z.enum(LANGUAGES),
  /** Payroll: the employer's number and the position (either may be missing). */
  employeeId: z.string().nullable(),
  position: z.string().nullable(),
  grants: z.array(ZGrant),
  createdAt: z.string(),
  /** Whether the user has a confirmed authenticator (issue 16); nothing more of it is shown. */
  secondFactorEnabled: z.boolean(),
  can: ZUserAbilities,
});
export type TUserDetail = z.infer<typeof ZUserDetail>;

export const ZUserListQuery = z
  .object({
    q: zLine(100).optional(),
    organisationId: z.uuid().optional(),
    ...pageFields(),
  })
  .superRefine((q, ctx) => checkCursor(q, { list: 'users', sort: 'name', dir: 'asc' }, ctx));
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

const password = zExact(1024, MIN_PASSWORD_LENGTH);

export const ZCreateUserBody = z.object({
  email: z.email().max(254),
  firstName: zLine(100, 1),
  lastName: zLine(100, 1),
  homeOrganisationId: z.uuid(),
  language: z.enum(LANGUAGES).default('lv'),
  password,
});
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z
  .object({
    firstName: zLine(100, 1).optional(),
    lastName: zLine(100, 1).optional(),
    language: z.enum(LANGUAGES).optional(),
    active: z.boolean().optional(),
    password: password.optional(),
    employeeId: zEmployeeId.nullable().optional(),
    position: zLine(100, 1).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'empty' });
export type TUpdateUserBody = z.infer<typeof ZUpdateUserBody>;

/** The answer to an administrator's reset of a user's second factor: it is off now. */
export const ZSecondFactorResetAnswer = z.object({ secondFactorEnabled: z.literal(false) });
export type TSecondFactorResetAnswer = z.infer<typeof ZSecondFactorResetAnswer>;

export const ZCreateGrantBody = z.object({ role: z.enum(ROLES), organisationId: z.uuid() });
export type TCreateGrantBody = z.infer<typeof ZCreateGrantBody>;
