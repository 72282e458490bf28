import { FLAG_KEYS, type FlagKey } from '../../../common/api/ejournal.ts';
import { stratifiedFolds } from '../../platform/stats/folds.ts';
import { averagePrecision, meanSd, rocAuc } from '../../platform/stats/metrics.ts';
import type { FlagInputs } from '../ejournal/index.ts';
import { fitRiskModel, type RiskInputs, type RiskModel, riskProbability } from './model.ts';
import type { RiskModelMetrics } from './repo.ts';

/**
 * The refit's arithmetic (issue 15), pure: cross-validated metrics of the score on labelled rows, the
 * best single flag's indicator AUC on the same rows, and the fit on all of them.
 */

/** Fewer at-risk (or not-at-risk) rows than this and the refit refuses: the fit would be noise. */
export const MIN_ROWS_PER_CLASS = 30;
/** Repeated stratified folds with a fixed seed, so a refit on the same history gives the same metrics. */
export const CV_FOLDS = 5;
export const CV_REPEATS = 2;
export const CV_SEED = 20_260_915;

/** A labelled row as the fit reads it: the score's inputs, the flags' inputs, the known outcome. */
export interface FitRow {
  risk: RiskInputs;
  flags: FlagInputs;
  failed: boolean;
}

/** Scores below every real value of an indicator: a student without it counts as least at risk. */
const MISSING = -1_000_000;

/**
 * The indicator under each flag, higher = more at risk: what the flag thresholds. The ROC of this
 * value is the flag at every threshold at once.
 */
export function flagIndicator(key: FlagKey, x: FlagInputs): number {
  switch (key) {
    case 'unjustified':
      return x.unjustifiedLessons;
    case 'attendance':
      return x.attendanceRate === null ? MISSING : 1 - x.attendanceRate;
    case 'low_marks':
      return x.lowMarks;
    case 'average_drop':
      return x.markAverage === null || x.previousAverage === null
        ? MISSING
        : x.previousAverage - x.markAverage;
    case 'behaviour':
      return x.behaviourNotes;
  }
}

/** The flag whose indicator separates the outcomes best (ROC AUC) on these rows; null with one class. */
export function bestFlagAuc(rows: readonly FitRow[]): RiskModelMetrics['bestFlag'] {
  const truth = rows.map((r) => r.failed);
  let best: RiskModelMetrics['bestFlag'] = null;
  for (const key of FLAG_KEYS) {
    const auc = rocAuc(
      rows.map((r) => flagIndicator(key, r.flags)),
      truth,
    );
    if (auc !== null && (best === null || auc > best.auc)) best = { key, auc };
  }
  return best;
}

export type FitOutcome =
  | { ok: true; model: RiskModel; metrics: RiskModelMetrics; rows: number; positives: number }
  | { ok: false; reason: 'not_enough_history'; rows: number; positives: number };

/**
 * Fits the score on all rows, with ROC AUC and PR AUC over `CV_REPEATS` × `CV_FOLDS` stratified test
 * folds (each fold's model fitted on the other folds only); refuses below `MIN_ROWS_PER_CLASS`.
 */
export function fitWithMetrics(rows: readonly FitRow[]): FitOutcome {
  const truth = rows.map((r) => r.failed);
  const positives = truth.filter(Boolean).length;
  if (positives < MIN_ROWS_PER_CLASS || rows.length - positives < MIN_ROWS_PER_CLASS)
    return { ok: false, reason: 'not_enough_history', rows: rows.length, positives };
  const folds = stratifiedFolds(truth, CV_FOLDS, CV_REPEATS, CV_SEED);
  const aucs: number[] = [];
  const prAucs: number[] = [];
  for (const fold of folds)
    for (let k = 0; k < CV_FOLDS; k += 1) {
      const train = rows.filter((_, i) => fold[i] !== k);
      const test = rows.filter((_, i) => fold[i] === k);
      const model = fitRiskModel(
        train.map((r) => r.risk),
        train.map((r) => r.failed),
      );
      const scores = test.map((r) => riskProbability(model, r.risk));
      const testTruth = test.map((r) => r.failed);
      const auc = rocAuc(scores, testTruth);
      const ap = averagePrecision(scores, testTruth);
      if (auc !== null) aucs.push(auc);
      if (ap !== null) prAucs.push(ap);
    }
  const model = fitRiskModel(
    rows.map((r) => r.risk),
    truth,
  );
  return {
    ok: true,
    model,
    rows: rows.length,
    positives,
    metrics: { auc: meanSd(aucs), prAuc: meanSd(prAucs), bestFlag: bestFlagAuc(rows), folds: aucs.length },
  };
}
