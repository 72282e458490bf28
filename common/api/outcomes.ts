import { z } from 'zod';
import { zLine, zText } from './fields.ts';
import { OUTCOMES } from './reports.ts';

/*
 * Year-end outcomes (issue 14): a school records, for each of its programme students of a school
 * year, what became of the student at the end of it (continues, moved school, ..., left education
 * with the reason). A programme student of a school and year is a student with a plan at that school
 * in one of the year's semesters that is not deleted and was submitted at least once (a draft never
 * submitted does not count); the plan's school decides, so a student who has moved away is still
 * listed, and recorded, by the old school.
 */

export const ZOutcome = z.enum(OUTCOMES);
/** A school year, the calendar year it starts in (2026 = 2026/27). */
export const ZSchoolYear = z.coerce.number().int().min(2000).max(2100);
/** Characters of a reason for leaving education. */
export const MAX_OUTCOME_REASON = 500;
/** Students the list answers at most (a large school has a few hundred programme students a year). */
export const MAX_OUTCOME_ROWS = 2000;

/** GET /api/outcomes?schoolId=&schoolYear= — the default school year: see `defaultOutcomeYear`. */
export const ZOutcomeListQuery = z.object({
  schoolId: z.uuid(),
  schoolYear: ZSchoolYear.optional(),
});
export type TOutcomeListQuery = z.infer<typeof ZOutcomeListQuery>;

/** One figure before the first plan and after (the latest semester with indicators); null where missing. */
export const ZBeforeAfter = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
});

export const ZOutcomeRow = z.object({
  studentId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  /** The class at the school in the year's latest plan there. */
  classLabel: z.string().nullable(),
  /** The codes of the student's plans at the school in the year. */
  planCodes: z.array(z.string()),
  /** The student has moved away from the school since (the outcome is still the school's to record). */
  movedAway: z.boolean(),
  outcome: ZOutcome.nullable(),
  reason: z.string().nullable(),
  source: z.enum(['entered', 'import']).nullable(),
  recordedAt: z.string().nullable(),
  /** Unjustified lessons: the semester before the first plan vs the latest semester with indicators. */
  unjustifiedLessons: ZBeforeAfter,
  /** Mark average, the same semesters. */
  markAverage: ZBeforeAfter,
});
export type TOutcomeRow = z.infer<typeof ZOutcomeRow>;

export const ZOutcomeList = z.object({
  schoolId: z.uuid(),
  schoolYear: z.number().int(),
  /** The school years the school has programme students in, newest first (for the selector). */
  schoolYears: z.array(z.number().int()),
  items: z.array(ZOutcomeRow),
  /** Programme students in all (items stop at `MAX_OUTCOME_ROWS`). */
  total: z.number().int(),
  /** How many have an outcome recorded. */
  recorded: z.number().int(),
  /** How many stayed in education (STAYED_OUTCOMES). */
  stayed: z.number().int(),
  /**
   * Outcomes of the year the school recorded for students who are not its programme students that
   * year (issue 15: the import takes every student's result, which the flags are judged against).
   */
  others: z.number().int(),
  can: z.object({ record: z.boolean() }),
});
export type TOutcomeList = z.infer<typeof ZOutcomeList>;

export const ZOutcomeParams = z.object({ studentId: z.uuid() });

/** PUT /api/outcomes/:studentId — the school is the one whose programme student it was that year. */
export const ZOutcomeBody = z
  .object({
    schoolYear: z.number().int().min(2000).max(2100),
    outcome: ZOutcome,
    reason: zText(MAX_OUTCOME_REASON).nullish(),
  })
  .superRefine((b, ctx) => {
    if (b.outcome === 'left_education' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'outcome_reason_required' });
  });
export type TOutcomeBody = z.infer<typeof ZOutcomeBody>;

/** DELETE /api/outcomes/:studentId?schoolYear= */
export const ZOutcomeDeleteQuery = z.object({ schoolYear: ZSchoolYear });

/** POST /api/outcomes/import?schoolId=&schoolYear= — the file is the raw body (CSV or XLSX). */
export const ZOutcomeImportQuery = z.object({
  schoolId: z.uuid(),
  schoolYear: ZSchoolYear,
  fileName: zLine(255).optional(),
});

export const ZOutcomeImportResult = z.object({
  rows: z.number().int(),
  /** Outcomes stored (new or changed). */
  saved: z.number().int(),
});
export type TOutcomeImportResult = z.infer<typeof ZOutcomeImportResult>;

/**
 * The school year a coordinator means by default on `today` (yyyy-mm-dd): from January (the
 * year's second semester) to August the current school year, whose end is coming or has just come;
 * from September to December the year that has just ended, since the new one has no outcomes yet.
 */
export function defaultOutcomeYear(today: string): number {
  // January–August of 2027 is in school year 2026/27, September–December of 2026 follows it: both 2026.
  return Number(today.slice(0, 4)) - 1;
}
