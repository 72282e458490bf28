import { z } from 'zod';
import { zExact, zLine } from './fields.ts';

/** A TOTP code (6 digits) or a recovery code (`xxxxx-xxxxx`); spaces are allowed and ignored. */
export const ZSecondFactorCode = zLine(32, 6).regex(/^[0-9A-Za-z\s-]+$/, 'second_factor_invalid');

export const ZCodeBody = z.object({ code: ZSecondFactorCode });
export type TCodeBody = z.infer<typeof ZCodeBody>;

/** Step-up: the code again, or the password for a user without a second factor. */
export const ZStepUpBody = z
  .object({ code: ZSecondFactorCode.optional(), password: zExact(1024, 1).optional() })
  .refine((b) => (b.code === undefined) !== (b.password === undefined), {
    message: 'second_factor_invalid',
    path: ['code'],
  });
export type TStepUpBody = z.infer<typeof ZStepUpBody>;

/** What the session still owes at sign-in: a code ('required') or enrolment ('enrol'); null: nothing. */
export const ZSecondFactorPending = z.enum(['required', 'enrol']).nullable();

export const ZSecondFactorStatus = z.object({
  enabled: z.boolean(),
  mandatory: z.boolean(),
  pending: ZSecondFactorPending,
  recoveryCodesLeft: z.number().int(),
  stepUpUntil: z.string().nullable(),
  /** The server's clock now (tests and demos may run it ahead), to compare `stepUpUntil` with. */
  serverTime: z.string(),
});
export type TSecondFactorStatus = z.infer<typeof ZSecondFactorStatus>;

export const ZEnrolment = z.object({
  /** Base32, for typing into an app by hand. */
  secret: z.string(),
  uri: z.string(),
  /** The URI as an SVG QR code. */
  qrSvg: z.string(),
});
export type TEnrolment = z.infer<typeof ZEnrolment>;

export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type TRecoveryCodes = z.infer<typeof ZRecoveryCodes>;

export const ZStepUpAnswer = z.object({ stepUpUntil: z.string() });
