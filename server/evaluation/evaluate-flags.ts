import { FLAG_KEYS, type FlagKey } from '../../common/api/ejournal.ts';
import {
  DEFAULT_FLAG_SETTINGS,
  type FlagSettings,
  flagCondition,
  raisedFlags,
} from '../domains/ejournal/index.ts';
import { fitRiskModel, riskProbability } from '../domains/risk-score/index.ts';
import { stratifiedFolds } from '../platform/stats/folds.ts';
import {
  accuracyOf,
  averagePrecision,
  type Confusion,
  confusion,
  f1Of,
  meanSd,
  precisionAtTop,
  recallOf,
  rocAuc,
  wilson,
} from '../platform/stats/metrics.ts';
import { type AbsencesAs, atRisk, knownMarks, mapRow, SETUPS, type Setup } from './mapping.ts';
import type { UciStudentRow } from './uci-student.ts';

/**
 * `cli evaluate-flags` (issue 15): the product's own flags (flag-rules.ts, DEFAULT_FLAG_SETTINGS) and
 * its own score (risk-score's fitRiskModel) judged on a published data set mapped onto the e-journal's
 * indicators (mapping.ts). Per setup A, B, C:
 * - the naive rule (at risk if the last known period mark < 10; none known → the majority class), its
 *   accuracy over all rows (as published);
 * - each flag's confusion matrix, precision, recall, specificity and accuracy with Wilson 95 % intervals,
 *   or "not measurable" where the data set cannot say; each flag also as if it were switched on, with
 *   what it adds to the default set (failing students no other flag caught, false alarms no other raised);
 *   the default set ("any flag on") against its best single flag;
 * - the score fitted on each training split and judged on its test fold: mean and SD over the folds of
 *   ROC AUC, PR AUC (average precision), precision in the top 10 %, and recall, F1 and accuracy at the
 *   threshold that maximises F1 on the training split (in-sample: nothing is learned from the test fold);
 * - fairness by `sex` (read only here): flag rate, precision and recall of the flag set over all rows and
 *   of the score at its threshold over the first repeat's test folds (each row judged once, by a model
 *   that did not see it), with Wilson intervals and a warning when recall differs by more than 10 points.
 * Percentages in JSON keep full precision; the text rounds.
 */

export const DEFAULT_FOLD_SEED = 20240601;
export const DEFAULT_FOLDS = { k: 5, repeats: 10 } as const;
/** Recall gaps between the sexes above this (a proportion) are warned about. */
export const RECALL_GAP_WARNING = 0.1;

export interface Proportion {
  /** k ÷ n, null when n is 0. */
  value: number | null;
  k: number;
  n: number;
  low: number | null;
  high: number | null;
}

function proportion(k: number, n: number): Proportion {
  const ci = wilson(k, n);
  return { value: n > 0 ? k / n : null, k, n, low: ci?.low ?? null, high: ci?.high ?? null };
}

export interface ConfusionReport {
  confusion: Confusion;
  flagged: number;
  precision: Proportion;
  recall: Proportion;
  specificity: Proportion;
  accuracy: Proportion;
}

function confusionReport(predicted: readonly boolean[], truth: readonly boolean[]): ConfusionReport {
  const c = confusion(predicted, truth);
  const n = c.tp + c.fp + c.tn + c.fn;
  return {
    confusion: c,
    flagged: c.tp + c.fp,
    precision: proportion(c.tp, c.tp + c.fp),
    recall: proportion(c.tp, c.tp + c.fn),
    specificity: proportion(c.tn, c.tn + c.fp),
    accuracy: proportion(c.tp + c.tn, n),
  };
}

export interface FlagReport {
  onByDefault: boolean;
  /** Why the data set cannot judge this flag; null when it can. */
  notMeasurable: string | null;
  /** The flag's condition on every row, as if the flag were switched on; null when not measurable. */
  asIfOn: ConfusionReport | null;
  /**
   * Against the default set without this flag: failing students only this flag catches, and students
   * who pass whom only this flag raises (false alarms it adds). Null when not measurable.
   */
  adds: { caught: number; falseAlarms: number } | null;
}

export interface FlagSetReport {
  /** The flags switched on by default that the data set can judge. */
  flags: FlagKey[];
  /** Null when no flag of the set is measurable here. */
  result: ConfusionReport | null;
  bestSingle: { flag: FlagKey; accuracy: number } | null;
  /** The set's accuracy is at least its best member's; null when there is nothing to compare. */
  atLeastBestSingle: boolean | null;
}

export interface FairnessGroup {
  n: number;
  atRisk: number;
  flagRate: Proportion;
  precision: Proportion;
  recall: Proportion;
}

export interface FairnessReport {
  F: FairnessGroup;
  M: FairnessGroup;
  /** Rows whose sex the file leaves empty: in neither group. */
  unknown: number;
  /** Recall of F minus recall of M (proportions); null when either is unknown. */
  recallGap: number | null;
  warning: boolean;
}

export interface SetupReport {
  setup: Setup;
  naiveAccuracy: Proportion;
  flags: Record<FlagKey, FlagReport>;
  flagSet: FlagSetReport;
  score: {
    folds: number;
    rocAuc: MeanSd;
    prAuc: MeanSd;
    precisionTop10: MeanSd;
    recall: MeanSd;
    f1: MeanSd;
    accuracy: MeanSd;
    threshold: MeanSd;
  };
  fairness: { flagSet: FairnessReport | null; score: FairnessReport };
}

export interface MeanSd {
  mean: number;
  sd: number;
}

export interface Evaluation {
  rows: number;
  atRisk: number;
  absencesAs: AbsencesAs;
  folds: { source: 'file' | 'generated'; k: number; repeats: number; seed: number | null };
  settings: FlagSettings;
  setups: Record<Setup, SetupReport>;
}

/** Why a flag cannot be judged on this data set in a setup; null when it can. */
export function notMeasurable(key: FlagKey, setup: Setup, absencesAs: AbsencesAs): string | null {
  switch (key) {
    case 'unjustified':
      return absencesAs === 'unjustified'
        ? null
        : 'the data set does not say whether absences were justified';
    case 'attendance':
      return 'the data set does not say how many lessons were held';
    case 'low_marks':
      return setup === 'C' ? 'no marks are known in setup C' : null;
    case 'average_drop':
      return setup === 'A' ? null : `no earlier semester's marks are known in setup ${setup}`;
    case 'behaviour':
      return 'the data set holds no behaviour notes';
  }
}

/** The naive rule: at risk if the last known period mark < 10; none known → the majority class. */
export function naivePrediction(rows: readonly UciStudentRow[], setup: Setup): boolean[] {
  const majorityAtRisk = rows.filter(atRisk).length * 2 > rows.length;
  return rows.map((row) => {
    const last = knownMarks(row, setup).at(-1);
    return last === undefined ? majorityAtRisk : last < 10;
  });
}

/** The threshold (scores at or above it count as at risk) that maximises F1; ties: the higher one. */
export function f1Threshold(scores: readonly number[], truth: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const pos = truth.filter(Boolean).length;
  let tp = 0;
  let seen = 0;
  let best = { f1: -1, threshold: Number.POSITIVE_INFINITY };
  for (let i = 0; i < order.length; i += 1) {
    const j = order[i] as number;
    seen += 1;
    if (truth[j]) tp += 1;
    const next = order[i + 1];
    if (next !== undefined && scores[next] === scores[j]) continue;
    const f1 = (2 * tp) / (seen + pos);
    if (f1 > best.f1) best = { f1, threshold: scores[j] as number };
  }
  return best.threshold;
}

function fairnessOf(
  rows: readonly UciStudentRow[],
  predicted: readonly boolean[],
  truth: readonly boolean[],
): FairnessReport {
  const group = (sex: 'F' | 'M'): FairnessGroup => {
    const idx = rows.flatMap((r, i) => (r.sex === sex ? [i] : []));
    const c = confusion(
      idx.map((i) => predicted[i] as boolean),
      idx.map((i) => truth[i] as boolean),
    );
    return {
      n: idx.length,
      atRisk: c.tp + c.fn,
      flagRate: proportion(c.tp + c.fp, idx.length),
      precision: proportion(c.tp, c.tp + c.fp),
      recall: proportion(c.tp, c.tp + c.fn),
    };
  };
  const F = group('F');
  const M = group('M');
  const recallGap =
    F.recall.value !== null && M.recall.value !== null ? F.recall.value - M.recall.value : null;
  const unknown = rows.filter((r) => r.sex === null).length;
  return {
    F,
    M,
    unknown,
    recallGap,
    warning: recallGap !== null && Math.abs(recallGap) > RECALL_GAP_WARNING,
  };
}

function evaluateFlags(
  rows: readonly UciStudentRow[],
  truth: readonly boolean[],
  setup: Setup,
  absencesAs: AbsencesAs,
  settings: FlagSettings,
): Pick<SetupReport, 'flags' | 'flagSet'> & { setPredicted: boolean[] | null } {
  const inputs = rows.map((r) => mapRow(r, setup, absencesAs).flags);
  const measurable = (k: FlagKey) => notMeasurable(k, setup, absencesAs) === null;
  const condition = Object.fromEntries(
    FLAG_KEYS.map((k) => [k, inputs.map((x) => flagCondition(k, x, settings))]),
  ) as Record<FlagKey, boolean[]>;
  const setFlags = FLAG_KEYS.filter((k) => !settings.disabledFlags.includes(k) && measurable(k));
  // The product's own rule decides the set; flags the data set cannot judge never fire on it (their
  // inputs are unknown or 0), so the set is the measurable members'.
  const raised = inputs.map((x) => raisedFlags(x, settings).filter(measurable));
  const setPredicted = raised.map((r) => r.length > 0);

  const flags = {} as Record<FlagKey, FlagReport>;
  for (const k of FLAG_KEYS) {
    const reason = notMeasurable(k, setup, absencesAs);
    const onByDefault = !settings.disabledFlags.includes(k);
    if (reason !== null) {
      flags[k] = { onByDefault, notMeasurable: reason, asIfOn: null, adds: null };
      continue;
    }
    let caught = 0;
    let falseAlarms = 0;
    raised.forEach((r, i) => {
      const others = r.some((f) => f !== k);
      if (!condition[k][i] || others) return;
      if (truth[i]) caught += 1;
      else falseAlarms += 1;
    });
    flags[k] = {
      onByDefault,
      notMeasurable: null,
      asIfOn: confusionReport(condition[k], truth),
      adds: { caught, falseAlarms },
    };
  }

  if (setFlags.length === 0)
    return {
      flags,
      flagSet: { flags: [], result: null, bestSingle: null, atLeastBestSingle: null },
      setPredicted: null,
    };
  const result = confusionReport(setPredicted, truth);
  let bestSingle: { flag: FlagKey; accuracy: number } | null = null;
  for (const k of setFlags) {
    const accuracy = accuracyOf(confusion(condition[k], truth)) as number;
    if (!bestSingle || accuracy > bestSingle.accuracy) bestSingle = { flag: k, accuracy };
  }
  return {
    flags,
    flagSet: {
      flags: setFlags,
      result,
      bestSingle,
      atLeastBestSingle: bestSingle ? (result.accuracy.value as number) >= bestSingle.accuracy : null,
    },
    setPredicted,
  };
}

function evaluateScore(
  rows: readonly UciStudentRow[],
  truth: readonly boolean[],
  setup: Setup,
  absencesAs: AbsencesAs,
  folds: readonly (readonly number[])[],
  k: number,
): Pick<SetupReport, 'score'> & { firstRepeat: boolean[] } {
  const inputs = rows.map((r) => mapRow(r, setup, absencesAs).risk);
  const m = {
    rocAuc: [] as number[],
    prAuc: [] as number[],
    precisionTop10: [] as number[],
    recall: [] as number[],
    f1: [] as number[],
    accuracy: [] as number[],
    threshold: [] as number[],
  };
  const firstRepeat = new Array<boolean>(rows.length).fill(false);
  folds.forEach((repeat, r) => {
    for (let f = 0; f < k; f += 1) {
      const train = repeat.flatMap((fold, i) => (fold === f ? [] : [i]));
      const test = repeat.flatMap((fold, i) => (fold === f ? [i] : []));
      const trainTruth = train.map((i) => truth[i] as boolean);
      const testTruth = test.map((i) => truth[i] as boolean);
      const model = fitRiskModel(
        train.map((i) => inputs[i] as (typeof inputs)[number]),
        trainTruth,
      );
      const score = (i: number) => riskProbability(model, inputs[i] as (typeof inputs)[number]);
      const threshold = f1Threshold(train.map(score), trainTruth);
      const testScores = test.map(score);
      const predicted = testScores.map((s) => s >= threshold);
      const c = confusion(predicted, testTruth);
      const auc = rocAuc(testScores, testTruth);
      const ap = averagePrecision(testScores, testTruth);
      if (auc === null || ap === null)
        throw new Error(`fold ${f} of repeat ${r} holds only one outcome: it cannot be judged`);
      m.rocAuc.push(auc);
      m.prAuc.push(ap);
      m.precisionTop10.push(precisionAtTop(testScores, testTruth, 0.1) as number);
      m.recall.push(recallOf(c) ?? 0);
      m.f1.push(f1Of(c) ?? 0);
      m.accuracy.push(accuracyOf(c) as number);
      m.threshold.push(threshold);
      if (r === 0)
        test.forEach((i, j) => {
          firstRepeat[i] = predicted[j] as boolean;
        });
    }
  });
  return {
    score: {
      folds: m.rocAuc.length,
      rocAuc: meanSd(m.rocAuc),
      prAuc: meanSd(m.prAuc),
      precisionTop10: meanSd(m.precisionTop10),
      recall: meanSd(m.recall),
      f1: meanSd(m.f1),
      accuracy: meanSd(m.accuracy),
      threshold: meanSd(m.threshold),
    },
    firstRepeat,
  };
}

export interface EvaluateOptions {
  /** Published folds (`fold_of_row`, with k folds); without them stratified 10 × 5 with a fixed seed. */
  folds?: { folds: number[][]; k: number };
  absencesAs?: AbsencesAs;
  settings?: FlagSettings;
}

/** The whole evaluation of a parsed data set. */
export function evaluate(rows: readonly UciStudentRow[], options: EvaluateOptions = {}): Evaluation {
  const absencesAs = options.absencesAs ?? 'unknown';
  const settings = options.settings ?? DEFAULT_FLAG_SETTINGS;
  const truth = rows.map(atRisk);
  const folds =
    options.folds ??
    ({
      folds: stratifiedFolds(truth, DEFAULT_FOLDS.k, DEFAULT_FOLDS.repeats, DEFAULT_FOLD_SEED),
      k: DEFAULT_FOLDS.k,
    } as const);
  const setups = {} as Record<Setup, SetupReport>;
  for (const setup of SETUPS) {
    const naive = confusion(naivePrediction(rows, setup), truth);
    const flagPart = evaluateFlags(rows, truth, setup, absencesAs, settings);
    const scorePart = evaluateScore(rows, truth, setup, absencesAs, folds.folds, folds.k);
    setups[setup] = {
      setup,
      naiveAccuracy: proportion(naive.tp + naive.tn, rows.length),
      flags: flagPart.flags,
      flagSet: flagPart.flagSet,
      score: scorePart.score,
      fairness: {
        flagSet: flagPart.setPredicted ? fairnessOf(rows, flagPart.setPredicted, truth) : null,
        score: fairnessOf(rows, scorePart.firstRepeat, truth),
      },
    };
  }
  return {
    rows: rows.length,
    atRisk: truth.filter(Boolean).length,
    absencesAs,
    folds: {
      source: options.folds ? 'file' : 'generated',
      k: folds.k,
      repeats: folds.folds.length,
      seed: options.folds ? null : DEFAULT_FOLD_SEED,
    },
    settings,
    setups,
  };
}
