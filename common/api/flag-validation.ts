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
