import {
  GENDER_GROUPS,
  GRADE_BANDS,
  type TFairnessDimension,
  type TFairnessGroup,
} from '../../../common/api/flag-validation.ts';
import { estimate, judge } from './estimate.ts';

/**
 * The fairness report (issue 15): the flag set's flag rate, precision and recall by gender and by
 * grade band. Gender is read here and nowhere else in the flags' evaluations.
 */

interface FairnessRow {
  gender: string | null;
  grade: number | null;
  failed: boolean | null;
}

/** At least this many at-risk students in each of two groups before their recalls are compared. */
export const MIN_AT_RISK_FOR_WARNING = 5;
/** A recall gap above this (10 points) between two such groups raises the warning. */
export const RECALL_GAP = 0.1;

export const genderGroup = (g: string | null) => (g === 'female' || g === 'male' ? g : 'not_recorded');

/**
 * The grade band of the student in the semester's school year: the current grade minus the school
 * years since (students move up a grade a year; one who repeated a year is banded a year low). No
 * grade (vocational courses) or below 1 → 'no_grade'.
 */
export function gradeBand(grade: number | null, yearsSince: number): (typeof GRADE_BANDS)[number] {
  const then = grade === null ? null : grade - yearsSince;
  if (then === null || then < 1) return 'no_grade';
  if (then <= 6) return '1-6';
  if (then <= 9) return '7-9';
  return '10-12';
}

function dimension(
  groups: readonly string[],
  groupOf: (i: number) => string,
  rows: readonly FairnessRow[],
  flagged: readonly boolean[],
): TFairnessDimension {
  const out: TFairnessGroup[] = groups.map((group) => {
    const idx = rows.map((_, i) => i).filter((i) => groupOf(i) === group);
    const p = judge(
      idx.map((i) => flagged[i] === true),
      idx.map((i) => rows[i]?.failed ?? null),
    );
    return {
      group,
      students: idx.length,
      flagged: p.flagged,
      flagRate: estimate(p.flagged, idx.length),
      known: p.tp + p.fp + p.tn + p.fn,
      atRisk: p.tp + p.fn,
      precision: p.precision,
      recall: p.recall,
    };
  });
  const compared = out.filter((g) => g.atRisk >= MIN_AT_RISK_FOR_WARNING && g.recall.value !== null);
  let warning: TFairnessDimension['warning'] = null;
  for (const a of compared)
    for (const b of compared) {
      const gap = (a.recall.value as number) - (b.recall.value as number);
      if (gap > RECALL_GAP + 1e-9 && (!warning || gap > warning.gap))
        warning = { high: a.group, low: b.group, gap };
    }
  return { groups: out, warning };
}

/** Both dimensions for the flag set ("any flag on") `flagged[i]` of `rows[i]`. */
export function fairnessOf(rows: readonly FairnessRow[], flagged: readonly boolean[], yearsSince: number) {
  return {
    gender: dimension(GENDER_GROUPS, (i) => genderGroup(rows[i]?.gender ?? null), rows, flagged),
    gradeBand: dimension(GRADE_BANDS, (i) => gradeBand(rows[i]?.grade ?? null, yearsSince), rows, flagged),
  };
}
