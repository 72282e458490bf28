import { z } from 'zod';

/** Why a student is erased (a category: the log never keeps free text, which could name the student). */
export const ERASURE_REASONS = [
  'data_subject_request',
  'no_longer_necessary',
  'consent_withdrawn',
  'unlawful_processing',
  'legal_obligation',
] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export const ZErasureParams = z.strictObject({ id: z.uuid() });
export const ZErasureBody = z.strictObject({ reason: z.enum(ERASURE_REASONS) });
export type TErasureBody = z.infer<typeof ZErasureBody>;

/** One erasure as the log shows it: who, when, which student, why, what was cleared (never values). */
export const ZErasureLogRow = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  erasedAt: z.string(),
  /** Null: the retention job. */
  erasedBy: z.uuid().nullable(),
  erasedByName: z.string().nullable(),
  trigger: z.enum(['request', 'retention']),
  reason: z.string(),
  /** `table.column` → rows changed. */
  cleared: z.record(z.string(), z.number()),
});
export type TErasureLogRow = z.infer<typeof ZErasureLogRow>;

export const ZErasureResult = ZErasureLogRow.extend({
  /** False when this student had been erased already (a double click): nothing was done again. */
  created: z.boolean(),
});

export const ZErasureLogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ZErasureLog = z.object({ items: z.array(ZErasureLogRow) });

const ZText = z.object({ lv: z.string(), en: z.string() });
export const ZRetentionClass = z.object({
  code: z.string(),
  period: ZText,
  rule: ZText,
  source: ZText,
  setting: z.string().nullable(),
});
export const ZRetentionList = z.object({ items: z.array(ZRetentionClass) });

/** Which language the record is in (default: the caller's). */
export const ZRopaQuery = z.strictObject({ lang: z.enum(['lv', 'en']).optional() });

/** The record of processing activities (GDPR Art. 30), generated from the data inventory. */
export const ZRopa = z.object({
  language: z.enum(['lv', 'en']),
  controller: z.string(),
  activities: z.array(
    z.object({
      purpose: z.string(),
      name: z.string(),
      subjects: z.array(z.string()),
      categories: z.array(z.string()),
      legalBases: z.array(z.string()),
      retention: z.array(z.string()),
      tables: z.array(z.string()),
    }),
  ),
  recipients: z.array(z.string()),
  transfers: z.string(),
  retention: z.array(
    z.object({ code: z.string(), period: z.string(), rule: z.string(), source: z.string() }),
  ),
  security: z.array(z.string()),
});
