import { FLAG_KEYS, type FlagKey } from '../../../common/api/ejournal.ts';
import {
  FLAG_INDICATORS,
  type TFlagPoint,
  type TFlagValidationFigures,
  type TFlagValidationFlag,
  type TGridPoint,
} from '../../../common/api/flag-validation.ts';
import { aucInterval, rocAuc, rocCurve } from '../../platform/stats/metrics.ts';
import { type FlagInputs, type FlagSettings, flagCondition, raisedFlags } from '../ejournal/index.ts';
import { judge } from './estimate.ts';
import { fairnessOf } from './fairness.ts';

/**
 * The flag validation report's figures (issue 15), pure: the labelled rows of one semester and scope
 * in, the figures out. Every flag decision goes through the e-journal's one rule (`flagCondition`,
 * `raisedFlags`), so the report judges exactly the flags the watch list raises.
 */

/** What the report needs of a labelled row (risk-score's LabelledRow has all of it). */
export interface ValidationRow {
  gender: string | null;
  grade: number | null;
  flags: FlagInputs;
  settings: FlagSettings;
  failed: boolean | null;
}

/** Which setting each flag's threshold is. */
const SETTING: Record<FlagKey, keyof Omit<FlagSettings, 'disabledFlags'>> = {
  unjustified: 'unjustifiedLessons',
  attendance: 'attendanceRate',
  low_marks: 'lowMarks',
  average_drop: 'averageDrop',
  behaviour: 'behaviourNotes',
};

const steps = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i += 1) out.push(Math.round((from + i * step) * 100) / 100);
  return out;
};

/** The thresholds the grid tries for each flag, in the flag's own units. */
export const THRESHOLD_GRID: Record<FlagKey, number[]> = {
  unjustified: steps(5, 60, 5),
  attendance: steps(0.7, 0.95, 0.05),
  low_marks: steps(1, 5, 1),
  average_drop: steps(0.5, 3, 0.5),
  behaviour: steps(1, 6, 1),
};

/**
 * The indicator behind a flag as a score, higher = more at risk: unjustified lessons, 1 − attendance
 * rate, subjects with low marks, previous − current average, behaviour notes. A student without the
 * indicator (no attendance rate, no averages) scores lowest: the flag can never raise for them.
 */
export function indicatorScore(key: FlagKey, x: FlagInputs): number {
  switch (key) {
    case 'unjustified':
      return x.unjustifiedLessons;
    case 'attendance':
      return x.attendanceRate === null ? NO_VALUE : 1 - x.attendanceRate;
    case 'low_marks':
      return x.lowMarks;
    case 'average_drop':
      return x.markAverage === null || x.previousAverage === null
        ? NO_VALUE
        : Math.round((x.previousAverage - x.markAverage) * 100) / 100;
    case 'behaviour':
      return x.behaviourNotes;
  }
}
/** Below every real indicator value (a drop is at least −9 on the 1–10 scale). */
const NO_VALUE = -100;

/** Youden's J = recall + specificity − 1. */
const youden = (p: TFlagPoint) => (p.recall.value ?? 0) + (p.specificity.value ?? 0) - 1;

/** The suggestion: the grid point with the highest J among those with recall ≥ 0.5 (ties: higher precision). */
export function suggestThreshold(grid: readonly TGridPoint[]): TGridPoint | null {
  let best: TGridPoint | null = null;
  for (const p of grid) {
    if (p.recall.value === null || p.recall.value < 0.5) continue;
    if (
      !best ||
      youden(p) > youden(best) + 1e-12 ||
      (Math.abs(youden(p) - youden(best)) <= 1e-12 && (p.precision.value ?? 0) > (best.precision.value ?? 0))
    )
      best = p;
  }
  return best;
}

function validateFlag(
  key: FlagKey,
  rows: readonly ValidationRow[],
  truth: (boolean | null)[],
): TFlagValidationFlag {
  const setting = SETTING[key];
  const thresholds = new Set(rows.map((r) => r.settings[setting]));
  const off = rows.filter((r) => r.settings.disabledFlags.includes(key)).length;
  const grid = THRESHOLD_GRID[key].map(
    (t): TGridPoint => ({
      threshold: t,
      ...judge(
        rows.map((r) => flagCondition(key, r.flags, { ...r.settings, [setting]: t })),
        truth,
      ),
    }),
  );
  // The ROC curve over students with a known outcome.
  const known = rows.flatMap((r) => (r.failed === null ? [] : [r]));
  const scores = known.map((r) => indicatorScore(key, r.flags));
  const outcome = known.map((r) => r.failed === true);
  const auc = rocAuc(scores, outcome);
  const positives = outcome.filter(Boolean).length;
  const ci = auc === null ? null : aucInterval(auc, positives, outcome.length - positives);
  return {
    key,
    enabled: rows.length > 0 && off === rows.length ? 'off' : off > 0 ? 'mixed' : 'on',
    threshold: thresholds.size === 1 ? ([...thresholds][0] as number) : null,
    current: judge(
      rows.map((r) => flagCondition(key, r.flags, r.settings)),
      truth,
    ),
    grid,
    roc: {
      indicator: FLAG_INDICATORS[key],
      points: rocCurve(scores, outcome).map((p) => ({
        threshold: Number.isFinite(p.threshold) && p.threshold !== NO_VALUE ? p.threshold : null,
        tpr: p.tpr,
        fpr: p.fpr,
      })),
      auc,
      aucLow: ci?.low ?? null,
      aucHigh: ci?.high ?? null,
    },
    suggested: suggestThreshold(grid),
  };
}

/** The flag with the highest value of `by` (ties: the earlier flag); null when none has one. */
function bestOf(flags: readonly TFlagValidationFlag[], by: (f: TFlagValidationFlag) => number | null) {
  let best: TFlagValidationFlag | null = null;
  for (const f of flags) {
    const v = by(f);
    if (v !== null && (best === null || v > (by(best) as number) + 1e-12)) best = f;
  }
  return best?.key ?? null;
}

/**
 * The report's figures. `yearsSince` is how many school years lie between the semester and now: the
 * grade in that year is the current grade minus it (the fairness report's grade bands).
 */
export function validateFlags(rows: readonly ValidationRow[], yearsSince: number): TFlagValidationFigures {
  const truth = rows.map((r) => r.failed);
  const flags = FLAG_KEYS.map((k) => validateFlag(k, rows, truth));
  const anyFlag = rows.map((r) => raisedFlags(r.flags, r.settings).length > 0);
  return {
    students: rows.length,
    known: truth.filter((t) => t !== null).length,
    atRisk: truth.filter((t) => t === true).length,
    flags,
    flagSet: judge(anyFlag, truth),
    bestByAccuracy: bestOf(flags, (f) => f.current.accuracy.value),
    bestByF1: bestOf(flags, (f) => f.current.f1),
    bestByAuc: bestOf(flags, (f) => f.roc.auc),
    fairness: fairnessOf(rows, anyFlag, yearsSince),
  };
}
