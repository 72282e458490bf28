/**
 * Logistic regression for the advisory risk score (issue 15): features standardised on the training
 * rows (mean, population SD), an L2 penalty ½‖w‖² with the log-loss weighted by C (the intercept is not
 * penalised) — the objective of the usual "standardised, L2, C = 1" fit — solved exactly by Newton's
 * method. The fit is on a few thousand rows and a handful of features, so each step solves a small
 * linear system.
 */

export interface LogisticModel {
  /** Training means and SDs of each feature (SD 1 where a feature was constant). */
  means: number[];
  sds: number[];
  /** Weights on the standardised features, and the intercept. */
  weights: number[];
  intercept: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = b for a small dense system (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c += 1) {
    let p = c;
    for (let r = c + 1; r < n; r += 1)
      if (Math.abs(m[r]?.[c] as number) > Math.abs(m[p]?.[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = (m[c] as number[])[c] as number;
    if (Math.abs(pivot) < 1e-300) throw new Error('singular system');
    for (let r = c + 1; r < n; r += 1) {
      const f = ((m[r] as number[])[c] as number) / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k += 1) (m[r] as number[])[k] -= f * ((m[c] as number[])[k] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let s = (m[r] as number[])[n] as number;
    for (let k = r + 1; k < n; k += 1) s -= ((m[r] as number[])[k] as number) * (x[k] as number);
    x[r] = s / ((m[r] as number[])[r] as number);
  }
  return x;
}

/** The standardised copy of a row. */
function standardise(model: Pick<LogisticModel, 'means' | 'sds'>, row: readonly number[]): number[] {
  return row.map((v, j) => (v - (model.means[j] as number)) / (model.sds[j] as number));
}

/**
 * Fits the model on rows `x` (numbers only: impute missing values first) and outcomes `y`.
 * Throws when there are no rows or only one class.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly boolean[],
  options: { c?: number; maxIterations?: number } = {},
): LogisticModel {
  const c = options.c ?? 1;
  const n = x.length;
  const d = x[0]?.length ?? 0;
  if (n === 0 || n !== y.length) throw new Error('no rows, or rows and outcomes differ');
  const positives = y.filter(Boolean).length;
  if (positives === 0 || positives === n) throw new Error('both outcomes are needed');
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j += 1) means[j] += (row[j] as number) / n;
  for (const row of x)
    for (let j = 0; j < d; j += 1) sds[j] += ((row[j] as number) - (means[j] as number)) ** 2 / n;
  // A constant feature (up to rounding) is left unscaled: it carries nothing and gets no weight.
  for (let j = 0; j < d; j += 1) {
    const sd = Math.sqrt(sds[j] as number);
    sds[j] = sd > 1e-9 * (1 + Math.abs(means[j] as number)) ? sd : 1;
  }
  const z = x.map((row) => standardise({ means, sds }, row));
  // beta = [w_0 … w_{d−1}, b]
  let beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < (options.maxIterations ?? 100); it += 1) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i += 1) {
      const zi = [...(z[i] as number[]), 1];
      let eta = 0;
      for (let j = 0; j <= d; j += 1) eta += (beta[j] as number) * (zi[j] as number);
      const p = sigmoid(eta);
      const r = p - (y[i] ? 1 : 0);
      const w = p * (1 - p);
      for (let j = 0; j <= d; j += 1) {
        grad[j] += c * r * (zi[j] as number);
        for (let k = 0; k <= j; k += 1)
          (hess[j] as number[])[k] += c * w * (zi[j] as number) * (zi[k] as number);
      }
    }
    for (let j = 0; j < d; j += 1) {
      grad[j] += beta[j] as number;
      (hess[j] as number[])[j] += 1;
    }
    for (let j = 0; j <= d; j += 1)
      for (let k = j + 1; k <= d; k += 1) (hess[j] as number[])[k] = (hess[k] as number[])[j] as number;
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b - (step[j] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { means, sds, weights: beta.slice(0, d), intercept: beta[d] as number };
}

/** Each feature's part of the linear score (weight × standardised value), in the features' order. */
export function contributions(model: LogisticModel, row: readonly number[]): number[] {
  return standardise(model, row).map((v, j) => v * (model.weights[j] as number));
}

/** The modelled probability of the outcome for a row. */
export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  return sigmoid(contributions(model, row).reduce((a, b) => a + b, model.intercept));
}
