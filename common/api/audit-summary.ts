import { z } from 'zod';

/** The audit log's counts for a start page: the last 7 days in the caller's audit scope (no names). */
export const ZAuditSummary = z.object({
  /** The first day counted (yyyy-mm-dd), for links that filter the log the same way. */
  from: z.string(),
  events: z.number().int(),
  denied: z.number().int(),
  /** Sign-ins belong to no organisation: counted only for national viewers, else null. */
  signIns: z.number().int().nullable(),
});
export type TAuditSummary = z.infer<typeof ZAuditSummary>;
