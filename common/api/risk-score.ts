import { z } from 'zod';
import { FLAG_KEYS } from './ejournal.ts';

/*
 * The advisory risk score (issue 15): the model card (how the national fit was made and how well it
 * did, no student data) and a school's ranks with the indicators that raise each student's score.
 */

/** The risk score's features, in the model's order (server/domains/risk-score/model.ts uses this list). */
export const RISK_FEATURE_KEYS = [
  'unjustifiedLessons',
  'missedLessons',
  'yearsNotPassed',
  'lowMarks',
  'markAverage',
  'previousAverage',
  'behaviourNotes',
] as const;
export const ZRiskFeature = z.enum(RISK_FEATURE_KEYS);
export type TRiskFeature = z.infer<typeof ZRiskFeature>;

const ZMeanSd = z.object({ mean: z.number(), sd: z.number() });

/** GET /api/risk-score/model: the fit in use (null before the first). */
export const ZRiskModelCard = z.object({
  model: z
    .object({
      fittedAt: z.string(),
      /** Semesters (period codes such as 2025-2) the rows came from. */
      periods: z.array(z.string()),
      rows: z.number().int(),
      positives: z.number().int(),
      metrics: z.object({
        auc: ZMeanSd,
        prAuc: ZMeanSd,
        bestFlag: z.object({ key: z.enum(FLAG_KEYS), auc: z.number() }).nullable(),
        folds: z.number().int(),
      }),
      /** Per feature: which way a higher value pushes the score, and by how much per SD (log-odds). */
      features: z.array(
        z.object({
          feature: ZRiskFeature,
          direction: z.enum(['raises', 'lowers', 'none']),
          weight: z.number(),
        }),
      ),
    })
    .nullable(),
});
export type TRiskModelCard = z.infer<typeof ZRiskModelCard>;

/** GET /api/risk-score/ranks?schoolId=&semesterId=&studentId= (the current semester unless given). */
export const ZRiskRanksQuery = z.object({
  schoolId: z.uuid(),
  semesterId: z.uuid().optional(),
  /** Only this student's rank (the student page); N is still the whole school's. */
  studentId: z.uuid().optional(),
});
export type TRiskRanksQuery = z.infer<typeof ZRiskRanksQuery>;

export const ZRiskContributor = z.object({ feature: ZRiskFeature, value: z.number() });
export type TRiskContributor = z.infer<typeof ZRiskContributor>;

export const ZRiskRanks = z.object({
  semesterId: z.uuid(),
  /** When the fit in use was made; null without a fit (then `items` is empty). */
  fittedAt: z.string().nullable(),
  /** Students of the school with indicators in the semester: the N of "3. no 120". */
  total: z.number().int(),
  items: z.array(
    z.object({
      studentId: z.uuid(),
      /** 1 = the highest modelled risk in the school; tied students share the better rank. */
      rank: z.number().int(),
      /** The indicators that raise the student's score most, largest first (at most three). */
      contributors: z.array(ZRiskContributor),
    }),
  ),
});
export type TRiskRanks = z.infer<typeof ZRiskRanks>;
