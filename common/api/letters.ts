import { z } from 'zod';
import { zLine, zText } from './fields.ts';

/** The four letters to guardians: invitation to agree the plan, its summary, absences, plan ended. */
export const LETTER_KINDS = ['invitation', 'plan_summary', 'absences', 'plan_ended'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
export const LETTER_LANGUAGES = ['lv', 'en'] as const;
/** How the letter reached the guardian. */
export const LETTER_METHODS = ['printed', 'handed', 'emailed'] as const;
export type LetterMethod = (typeof LETTER_METHODS)[number];

const COMMON = ['studentName', 'schoolName', 'guardianName', 'senderName', 'date'] as const;
/** The placeholders (`{{name}}`) each kind of template may use. */
export const LETTER_PLACEHOLDERS: Record<LetterKind, readonly string[]> = {
  invitation: [...COMMON, 'planCode', 'period'],
  plan_summary: [...COMMON, 'planCode', 'period', 'goals', 'measures'],
  absences: [...COMMON, 'period', 'absences', 'threshold'],
  plan_ended: [...COMMON, 'planCode', 'period'],
};

/** Longest subject and body of a template. */
export const TEMPLATE_SUBJECT_MAX = 200;
export const TEMPLATE_BODY_MAX = 10_000;

export const ZLetterTemplate = z.object({
  kind: z.enum(LETTER_KINDS),
  language: z.enum(LETTER_LANGUAGES),
  subject: z.string(),
  body: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  placeholders: z.array(z.string()),
});
export type TLetterTemplate = z.infer<typeof ZLetterTemplate>;
export const ZLetterTemplateList = z.object({ items: z.array(ZLetterTemplate) });

export const ZLetterTemplateParams = z.object({
  kind: z.enum(LETTER_KINDS),
  language: z.enum(LETTER_LANGUAGES),
});
export const ZLetterTemplateBody = z.object({
  subject: zLine(TEMPLATE_SUBJECT_MAX, 1),
  body: zText(TEMPLATE_BODY_MAX, 1),
});
export type TLetterTemplateBody = z.infer<typeof ZLetterTemplateBody>;
export const ZLetterPreviewBody = ZLetterTemplateBody.extend({
  kind: z.enum(LETTER_KINDS),
  language: z.enum(LETTER_LANGUAGES),
});
export const ZLetterPreview = z.object({ subject: z.string(), body: z.string() });

export const ZSendLetterBody = z.object({
  kind: z.enum(LETTER_KINDS),
  language: z.enum(LETTER_LANGUAGES),
  guardianId: z.uuid(),
  method: z.enum(LETTER_METHODS),
  /** The plan the letter is about (kinds but absences); the student's latest plan when left out. */
  planId: z.uuid().optional(),
});
export type TSendLetterBody = z.infer<typeof ZSendLetterBody>;

export const ZLetter = z.object({
  id: z.string(),
  kind: z.enum(LETTER_KINDS),
  language: z.enum(LETTER_LANGUAGES),
  method: z.enum(LETTER_METHODS),
  guardianId: z.string(),
  guardianName: z.string(),
  planCode: z.string().nullable(),
  sentAt: z.string(),
  sentByName: z.string(),
});
export type TLetter = z.infer<typeof ZLetter>;

export const ZLetterList = z.object({
  items: z.array(ZLetter),
  /** The guardians a letter may go to, with whether each has an e-mail address. */
  guardians: z.array(
    z.object({ id: z.string(), name: z.string(), hasEmail: z.boolean(), language: z.string() }),
  ),
  can: z.object({ send: z.boolean() }),
});
export type TLetterList = z.infer<typeof ZLetterList>;
