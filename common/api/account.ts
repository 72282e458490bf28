import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../roles.ts';
import { zExact, zLine } from './fields.ts';

/** "Forgot password": the e-mail of the account (the answer is the same whether it exists or not). */
export const ZPasswordResetRequestBody = z.object({ email: zLine(254, 1) });
export type TPasswordResetRequestBody = z.infer<typeof ZPasswordResetRequestBody>;

/** The same answer for every accepted request. */
export const ZPasswordResetRequested = z.object({ ok: z.literal(true) });

/** A new password set with the token from the e-mailed link (the users' rules: 12 to 1024 characters). */
export const ZPasswordResetCompleteBody = z.object({
  token: zLine(128, 1),
  password: zExact(1024, MIN_PASSWORD_LENGTH),
});
export type TPasswordResetCompleteBody = z.infer<typeof ZPasswordResetCompleteBody>;

/** One of the signed-in user's own sessions; `id` is a public id, never the token or its hash. */
export const ZSessionItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type TSessionItem = z.infer<typeof ZSessionItem>;

export const ZSessionList = z.object({ items: z.array(ZSessionItem) });
export type TSessionList = z.infer<typeof ZSessionList>;

export const ZSessionParams = z.object({ id: z.uuid() });

/** `others`: every session but this one; `all`: this one too (the caller is signed out). */
export const ZSignOutEverywhereBody = z.object({ scope: z.enum(['others', 'all']) });
export type TSignOutEverywhereBody = z.infer<typeof ZSignOutEverywhereBody>;

export const ZSessionsEnded = z.object({ ended: z.number().int(), signedOut: z.boolean() });
export type TSessionsEnded = z.infer<typeof ZSessionsEnded>;
