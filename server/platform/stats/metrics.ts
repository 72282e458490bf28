/**
 * Classification metrics for the early-warning evaluations (issue 15): confusion counts, Wilson
 * intervals, ROC and precision-recall summaries of a score against a known outcome. Small and exact:
 * the inputs are a few thousand students, so every function sorts once and walks.
 */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Counts of a yes/no prediction against the truth (the same length). */
export function confusion(predicted: readonly boolean[], truth: readonly boolean[]): Confusion {
  if (predicted.length !== truth.length) throw new Error('lengths differ');
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < truth.length; i += 1) {
    if (predicted[i] && truth[i]) c.tp += 1;
    else if (predicted[i]) c.fp += 1;
    else if (truth[i]) c.fn += 1;
    else c.tn += 1;
  }
  return c;
}

/** k ÷ n, or null when n is 0. */
export const ratio = (k: number, n: number): number | null => (n > 0 ? k / n : null);

export const precisionOf = (c: Confusion) => ratio(c.tp, c.tp + c.fp);
export const recallOf = (c: Confusion) => ratio(c.tp, c.tp + c.fn);
export const specificityOf = (c: Confusion) => ratio(c.tn, c.tn + c.fp);
export const accuracyOf = (c: Confusion) => ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn);
/** F1 of the positive class; null when nothing is predicted and nothing is positive. */
export const f1Of = (c: Confusion) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);

export interface Interval {
  low: number;
  high: number;
}

/** The Wilson score interval of a proportion k of n (95 % by default); null when n is 0. */
export function wilson(k: number, n: number, z = 1.959964): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface RocPoint {
  /** Scores at or above this count as positive. */
  threshold: number;
  tpr: number;
  fpr: number;
}

/** Indices sorted by score, highest first. */
function byScoreDesc(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
}

/**
 * The ROC curve of a score (higher = more at risk): one point per distinct score, from the highest
 * threshold down, starting at (0, 0). Empty when either class is missing.
 */
export function rocCurve(scores: readonly number[], truth: readonly boolean[]): RocPoint[] {
  const pos = truth.filter(Boolean).length;
  const neg = truth.length - pos;
  if (pos === 0 || neg === 0) return [];
  const order = byScoreDesc(scores);
  const points: RocPoint[] = [{ threshold: Number.POSITIVE_INFINITY, tpr: 0, fpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i += 1) {
    const j = order[i] as number;
    if (truth[j]) tp += 1;
    else fp += 1;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[j])
      points.push({ threshold: scores[j] as number, tpr: tp / pos, fpr: fp / neg });
  }
  return points;
}

/**
 * The area under the ROC curve: the chance that a random positive scores above a random negative,
 * ties counting a half (Mann–Whitney). Null when either class is missing.
 */
export function rocAuc(scores: readonly number[], truth: readonly boolean[]): number | null {
  const pos = truth.filter(Boolean).length;
  const neg = truth.length - pos;
  if (pos === 0 || neg === 0) return null;
  // Mid-ranks of the scores, ascending.
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSumPos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j += 1;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) if (truth[order[k] as number]) rankSumPos += midRank;
    i = j + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** A 95 % interval of an AUC (Hanley & McNeil 1982), clamped to [0, 1]. */
export function aucInterval(
  auc: number,
  positives: number,
  negatives: number,
  z = 1.959964,
): Interval | null {
  if (positives <= 0 || negatives <= 0) return null;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance =
    (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) /
    (positives * negatives);
  const half = z * Math.sqrt(Math.max(0, variance));
  return { low: Math.max(0, auc - half), high: Math.min(1, auc + half) };
}

/**
 * The area under the precision-recall curve as average precision: the precision at each distinct
 * threshold weighted by the recall it adds (tied scores enter together). Null without positives.
 */
export function averagePrecision(scores: readonly number[], truth: readonly boolean[]): number | null {
  const pos = truth.filter(Boolean).length;
  if (pos === 0) return null;
  const order = byScoreDesc(scores);
  let tp = 0;
  let seen = 0;
  let lastRecall = 0;
  let ap = 0;
  for (let i = 0; i < order.length; i += 1) {
    const j = order[i] as number;
    seen += 1;
    if (truth[j]) tp += 1;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[j]) {
      const recall = tp / pos;
      ap += (recall - lastRecall) * (tp / seen);
      lastRecall = recall;
    }
  }
  return ap;
}

/**
 * Precision among the top `fraction` of students ranked by score (a fixed support capacity): the
 * top ⌈n × fraction⌉; students tied with the last one share its places pro rata. Null for no rows.
 */
export function precisionAtTop(
  scores: readonly number[],
  truth: readonly boolean[],
  fraction: number,
): number | null {
  const n = scores.length;
  if (n === 0) return null;
  const take = Math.max(1, Math.ceil(n * fraction));
  const order = byScoreDesc(scores);
  const cut = scores[order[take - 1] as number] as number;
  let above = 0;
  let abovePos = 0;
  let tied = 0;
  let tiedPos = 0;
  for (const j of order) {
    const s = scores[j] as number;
    if (s > cut) {
      above += 1;
      if (truth[j]) abovePos += 1;
    } else if (s === cut) {
      tied += 1;
      if (truth[j]) tiedPos += 1;
    }
  }
  return (abovePos + ((take - above) * tiedPos) / tied) / take;
}

/** Mean and sample standard deviation (n − 1); SD 0 for fewer than two values. */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: 0 };
  const ss = values.reduce((a, b) => a + (b - mean) * (b - mean), 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}
