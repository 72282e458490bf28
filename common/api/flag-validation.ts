import { z } from 'zod';
import { FLAG_KEYS, type FlagKey } from './ejournal.ts';
import type { Outcome } from './reports.ts';

/*
 * Early-warning flags that prove themselves (issue 15): the outcome the flags and the risk score are
 * judged against, and (added by the validation report) the report's request and answer.
 */

/**
 * The year-end outcomes that count as "at risk" when judging flags: the student did not pass the year
 * (repeats it, or was given an extended school year for insufficient marks) or left education. A
 * student with any other recorded outcome counts as not at risk; one without an outcome is unknown.
 */
export const NOT_PASSED_OUTCOMES = [
  'repeats_year',
  'extended_year',
  'left_education',
] as const satisfies readonly Outcome[];

/** Whether an outcome counts as "at risk"; null when no outcome is recorded. */
export function failedOutcome(outcome: Outcome | null): boolean | null {
  if (outcome === null) return null;
  return (NOT_PASSED_OUTCOMES as readonly string[]).includes(outcome);
}

/** GET /api/flag-validation: the organisation (nation or municipality) and the semester. */
export const ZFlagValidationQuery = z.object({
  org: z.uuid().optional(),
  semester: z.uuid().optional(),
});
export type TFlagValidationQuery = z.infer<typeof ZFlagValidationQuery>;

/** A proportion with its Wilson 95 % interval; all null when there is nothing to divide by. */
export const ZEstimate = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type TEstimate = z.infer<typeof ZEstimate>;

/** A yes/no rule judged against the known outcomes. */
export const ZFlagPoint = z.object({
  /** Students it raises for, outcome known or not. */
  flagged: z.number().int(),
  tp: z.number().int(),
  fp: z.number().int(),
  tn: z.number().int(),
  fn: z.number().int(),
  precision: ZEstimate,
  recall: ZEstimate,
  specificity: ZEstimate,
  /** False positive rate, 1 − specificity. */
  fpr: ZEstimate,
  accuracy: ZEstimate,
  f1: z.number().nullable(),
});
export type TFlagPoint = z.infer<typeof ZFlagPoint>;

export const ZGridPoint = ZFlagPoint.extend({ threshold: z.number() });
export type TGridPoint = z.infer<typeof ZGridPoint>;

/** The flags' indicators, as the ROC curves rank students (higher = more at risk). */
export const FLAG_INDICATORS = {
  unjustified: 'unjustified_lessons',
  attendance: 'absence_rate',
  low_marks: 'low_marks',
  average_drop: 'average_drop',
  behaviour: 'behaviour_notes',
} as const satisfies Record<FlagKey, string>;

export const ZRocPoint = z.object({
  /** The indicator's value at or above which students count (null: everyone, or the start). */
  threshold: z.number().nullable(),
  tpr: z.number(),
  fpr: z.number(),
});

export const ZFlagValidationFlag = z.object({
  key: z.enum(FLAG_KEYS),
  /** Whether the flag is switched on for the students' schools ('mixed': on for some). */
  enabled: z.enum(['on', 'off', 'mixed']),
  /** The threshold in force; null when the schools in scope have different ones. */
  threshold: z.number().nullable(),
  /** At the threshold in force (each school's own), whether or not the flag is switched on. */
  current: ZFlagPoint,
  grid: z.array(ZGridPoint),
  roc: z.object({
    indicator: z.enum(Object.values(FLAG_INDICATORS) as [string, ...string[]]),
    points: z.array(ZRocPoint),
    auc: z.number().nullable(),
    aucLow: z.number().nullable(),
    aucHigh: z.number().nullable(),
  }),
  /** The suggested threshold by SUGGESTION_RULE; null when no grid point qualifies. */
  suggested: ZGridPoint.nullable(),
});
export type TFlagValidationFlag = z.infer<typeof ZFlagValidationFlag>;

/** How a threshold is suggested: the grid point with the highest Youden J among those with recall ≥ 0.5. */
export const SUGGESTION_RULE = 'max_youden_j_recall_0_5';

export const GENDER_GROUPS = ['female', 'male', 'not_recorded'] as const;
export const GRADE_BANDS = ['1-6', '7-9', '10-12', 'no_grade'] as const;

export const ZFairnessGroup = z.object({
  group: z.string(),
  students: z.number().int(),
  flagged: z.number().int(),
  flagRate: ZEstimate,
  known: z.number().int(),
  atRisk: z.number().int(),
  precision: ZEstimate,
  recall: ZEstimate,
});
export type TFairnessGroup = z.infer<typeof ZFairnessGroup>;

export const ZFairnessDimension = z.object({
  groups: z.array(ZFairnessGroup),
  /** Recall differs by more than 10 points between two groups with at least 5 at-risk students each. */
  warning: z.object({ high: z.string(), low: z.string(), gap: z.number() }).nullable(),
});
export type TFairnessDimension = z.infer<typeof ZFairnessDimension>;

/** The semester-and-scope part of the report, computed from the labelled rows alone. */
export const ZFlagValidationFigures = z.object({
  students: z.number().int(),
  known: z.number().int(),
  atRisk: z.number().int(),
  flags: z.array(ZFlagValidationFlag),
  /** "Any flag on" at the settings in force. */
  flagSet: ZFlagPoint,
  bestByAccuracy: z.enum(FLAG_KEYS).nullable(),
  bestByF1: z.enum(FLAG_KEYS).nullable(),
  /** The flag whose indicator has the highest ROC AUC on these rows. */
  bestByAuc: z.enum(FLAG_KEYS).nullable(),
  fairness: z.object({ gender: ZFairnessDimension, gradeBand: ZFairnessDimension }),
});
export type TFlagValidationFigures = z.infer<typeof ZFlagValidationFigures>;

export const ZFlagValidationSemester = z.object({
  id: z.uuid(),
  schoolYear: z.number().int(),
  number: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Students in scope with indicators in the semester and a known outcome of its school year. */
  knownOutcomes: z.number().int(),
});

const ZValidationOrg = z.object({ id: z.uuid(), name: z.string(), type: z.enum(['nation', 'municipality']) });

export const ZFlagValidation = z.object({
  org: ZValidationOrg,
  /** The organisations the caller may choose (the nation and municipalities in scope). */
  orgs: z.array(ZValidationOrg),
  /** The semester judged; null when no semester has ended yet. */
  semester: ZFlagValidationSemester.nullable(),
  /** The semesters that have ended, newest first. */
  semesters: z.array(ZFlagValidationSemester),
  figures: ZFlagValidationFigures,
  suggestionRule: z.literal(SUGGESTION_RULE),
  /** The advisory risk score's latest fit (cross-validated AUC); null before the first fit. */
  riskScore: z
    .object({ fittedAt: z.string(), periods: z.array(z.string()), aucMean: z.number(), aucSd: z.number() })
    .nullable(),
  /** Whether the caller may change the thresholds of this organisation. */
  canChangeThresholds: z.boolean(),
});
export type TFlagValidation = z.infer<typeof ZFlagValidation>;
