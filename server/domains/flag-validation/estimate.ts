import type { TEstimate, TFlagPoint } from '../../../common/api/flag-validation.ts';
import { type Confusion, f1Of, wilson } from '../../platform/stats/metrics.ts';

/** k of n with its Wilson 95 % interval (all null when n is 0). */
export function estimate(k: number, n: number): TEstimate {
  const ci = wilson(k, n);
  return { value: n > 0 ? k / n : null, low: ci?.low ?? null, high: ci?.high ?? null };
}

/**
 * A yes/no rule against the outcomes: `predicted[i]` for every row, `truth[i]` null where the outcome
 * is unknown (counted as flagged, left out of the confusion counts).
 */
export function judge(predicted: readonly boolean[], truth: readonly (boolean | null)[]): TFlagPoint {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  let flagged = 0;
  predicted.forEach((p, i) => {
    if (p) flagged += 1;
    const t = truth[i];
    if (t === null || t === undefined) return;
    if (p && t) c.tp += 1;
    else if (p) c.fp += 1;
    else if (t) c.fn += 1;
    else c.tn += 1;
  });
  const negatives = c.tn + c.fp;
  return {
    flagged,
    ...c,
    precision: estimate(c.tp, c.tp + c.fp),
    recall: estimate(c.tp, c.tp + c.fn),
    specificity: estimate(c.tn, negatives),
    fpr: estimate(c.fp, negatives),
    accuracy: estimate(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
    f1: f1Of(c),
  };
}
