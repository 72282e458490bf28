import { z } from 'zod';
import { checkCursor, pageFields } from './cursor.ts';
import { ZCalendarDate, zLine } from './fields.ts';

export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  entityType: z.string().nullable(),
  /** The record's id, or a pseudonym (#…) when the caller may not see the student behind it. */
  entityId: z.string().nullable(),
  /** A student's name or a plan's code, for callers who may see that student; else null. */
  entityLabel: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditList = z.object({
  items: z.array(ZAuditEvent),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const ZAuditQuery = z
  .object({
    action: zLine(80).optional(),
    entityType: zLine(40).optional(),
    entityId: zLine(80).optional(),
    actorId: z.uuid().optional(),
    outcome: z.enum(['ok', 'denied', 'failed']).optional(),
    from: ZCalendarDate.optional(),
    to: ZCalendarDate.optional(),
    ...pageFields(),
  })
  .superRefine((q, ctx) => checkCursor(q, { list: 'audit', sort: 'newest', dir: 'desc' }, ctx));
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
