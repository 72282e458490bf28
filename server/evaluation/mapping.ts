import type { FlagInputs } from '../domains/ejournal/index.ts';
import type { RiskInputs } from '../domains/risk-score/index.ts';
import type { UciStudentRow } from './uci-student.ts';

/**
 * How a UCI "Student Performance" row becomes what a Latvian e-journal holds (issue 15; decided, and
 * written in the README, "Evaluating the flags on a published data set"):
 * - marks 0–20 → 1–10, pass-aligned and order-preserving (a period mark is an average, so decimals are
 *   fine): g < 10 → 1 + 0.3·g (0→1, 9→3.7); g ≥ 10 → 4 + 0.6·(g−10) (10→4, 20→10). Below 4 ⇔ g < 10.
 * - G1 is the previous semester, G2 the current one. Setup A (absences, failures, G1, G2): the current
 *   semester holds G2 (lowMarks = [G2 < 10], markAverage = map(G2)), previousAverage = map(G1).
 *   Setup B: the current semester holds G1, nothing before it. Setup C: no marks at all.
 * - `absences` → lessons missed this semester whose reason is unknown (the data set does not say
 *   whether they were justified): missedLessons = absences, unjustifiedLessons = 0. With
 *   `absencesAs: 'unjustified'` (a sensitivity check, never the default) they count as unjustified too.
 * - `failures` → yearsNotPassed. Lessons held and behaviour are not in the data: the attendance rate is
 *   unknown (null) and behaviour notes 0 for the flags, unknown (null) for the score.
 * - The outcome: at risk ⇔ G3 < 10 (failed the year).
 * `sex` is never mapped: only the fairness table reads it.
 */

export type Setup = 'A' | 'B' | 'C';
export const SETUPS: readonly Setup[] = ['A', 'B', 'C'];
export type AbsencesAs = 'unknown' | 'unjustified';

/** A 0–20 period mark on the Latvian 1–10 scale, the pass lines meeting (10 → 4). */
export function mapMark(g: number): number {
  return g < 10 ? 1 + 0.3 * g : 4 + 0.6 * (g - 10);
}

export const atRisk = (row: UciStudentRow) => row.g3 < 10;

/** The period marks a setup knows, oldest first. */
export function knownMarks(row: UciStudentRow, setup: Setup): number[] {
  return setup === 'A' ? [row.g1, row.g2] : setup === 'B' ? [row.g1] : [];
}

/** One row as the flags and the score read it in a setup. */
export function mapRow(
  row: UciStudentRow,
  setup: Setup,
  absencesAs: AbsencesAs = 'unknown',
): { flags: FlagInputs; risk: RiskInputs } {
  const marks = knownMarks(row, setup);
  const current = marks.at(-1);
  const previous = marks.length > 1 ? marks.at(-2) : undefined;
  const unjustified = absencesAs === 'unjustified' ? row.absences : 0;
  const lowMarks = current === undefined ? 0 : current < 10 ? 1 : 0;
  const markAverage = current === undefined ? null : mapMark(current);
  const previousAverage = previous === undefined ? null : mapMark(previous);
  return {
    flags: {
      unjustifiedLessons: unjustified,
      attendanceRate: null,
      lowMarks,
      markAverage,
      previousAverage,
      behaviourNotes: 0,
    },
    risk: {
      unjustifiedLessons: unjustified,
      missedLessons: row.absences,
      yearsNotPassed: row.failures,
      lowMarks: current === undefined ? null : lowMarks,
      markAverage,
      previousAverage,
      behaviourNotes: null,
    },
  };
}
