import { z } from 'zod';
import { ZEventDate, ZSemesterDate, zLine, zText } from './fields.ts';

export const RISK_TYPES = ['learning', 'economic', 'family', 'social_health'] as const;
export type RiskType = (typeof RISK_TYPES)[number];
/** Where a catalogue item comes from: the programme's published list of 19, or added in Pumpurs. */
export const RISK_SOURCES = ['programme', 'added'] as const;

export const ZSemester = z.object({
  id: z.string(),
  schoolYear: z.number().int(),
  number: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  current: z.boolean(),
});
export type TSemester = z.infer<typeof ZSemester>;
export const ZSemesterList = z.object({ items: z.array(ZSemester) });

export const ZCreateSemesterBody = z
  .object({
    schoolYear: z.number().int().min(2000).max(2100),
    number: z.union([z.literal(1), z.literal(2)]),
    startsOn: ZSemesterDate,
    endsOn: ZSemesterDate,
  })
  .refine((b) => b.startsOn < b.endsOn, { message: 'semester_dates', path: ['endsOn'] });

export const ZRiskItem = z.object({
  id: z.string(),
  code: z.string(),
  riskType: z.enum(RISK_TYPES),
  sensitive: z.boolean(),
  source: z.enum(RISK_SOURCES),
  version: z.number().int(),
  versionId: z.string(),
  nameLv: z.string(),
  nameEn: z.string(),
  descriptionLv: z.string(),
  descriptionEn: z.string(),
  retired: z.boolean(),
});
export type TRiskItem = z.infer<typeof ZRiskItem>;
export const ZRiskCatalogue = z.object({ items: z.array(ZRiskItem) });

const text = (max: number) => zText(max, 1);
export const ZRiskItemBody = z.object({
  nameLv: zLine(200, 1),
  nameEn: zLine(200, 1),
  descriptionLv: zText(1000).default(''),
  descriptionEn: zText(1000).default(''),
});
export const ZCreateRiskItemBody = ZRiskItemBody.extend({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z]{1,3}\d{2,3}$/, 'risk_code'),
  riskType: z.enum(RISK_TYPES),
});
export type TCreateRiskItemBody = z.infer<typeof ZCreateRiskItemBody>;
export type TRiskItemBody = z.infer<typeof ZRiskItemBody>;

/** A risk recorded for a student; `restricted` hides the item and justification of family and health risks from roles that do not need them. */
export const ZStudentRisk = z.object({
  id: z.string(),
  semesterId: z.string(),
  riskType: z.enum(RISK_TYPES),
  restricted: z.boolean(),
  riskCode: z.string().nullable(),
  nameLv: z.string().nullable(),
  nameEn: z.string().nullable(),
  justification: z.string().nullable(),
  foundOn: z.string(),
  foundByName: z.string().nullable(),
  removed: z.boolean(),
});
export type TStudentRisk = z.infer<typeof ZStudentRisk>;
export const ZStudentRiskList = z.object({ items: z.array(ZStudentRisk), canRecord: z.boolean() });

export const ZRecordRiskBody = z.object({
  semesterId: z.uuid(),
  riskItemId: z.uuid(),
  justification: text(2000),
  foundOn: ZEventDate,
});
export type TRecordRiskBody = z.infer<typeof ZRecordRiskBody>;
