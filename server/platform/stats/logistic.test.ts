import { describe, expect, it } from 'vitest';
import { seededRandom, stratifiedFolds } from './folds.ts';
import { contributions, fitLogistic, predictLogistic } from './logistic.ts';

/** Noisy rows where the outcome rises with the first feature and falls with the second. */
function sample(n: number, seed: number) {
  const random = seededRandom(seed);
  const x: number[][] = [];
  const y: boolean[] = [];
  for (let i = 0; i < n; i += 1) {
    const a = random() * 10;
    const b = random() * 100;
    x.push([a, b, 3]);
    y.push(random() < 1 / (1 + Math.exp(-(a - 5 - (b - 50) / 25))));
  }
  return { x, y };
}

describe('logistic regression (standardised, L2, C)', () => {
  it('reaches the optimum: the penalised gradient is zero there', () => {
    const { x, y } = sample(400, 1);
    const m = fitLogistic(x, y, { c: 1 });
    const grad = [0, 0, 0, 0];
    x.forEach((row, i) => {
      const r = predictLogistic(m, row) - (y[i] ? 1 : 0);
      row.forEach((v, j) => {
        grad[j] += r * ((v - (m.means[j] as number)) / (m.sds[j] as number));
      });
      grad[3] += r;
    });
    for (let j = 0; j < 3; j += 1)
      expect(Math.abs((grad[j] as number) + (m.weights[j] as number))).toBeLessThan(1e-6);
    expect(Math.abs(grad[3] as number)).toBeLessThan(1e-6);
    // The signs of the generating model; the constant feature gets no weight.
    expect(m.weights[0]).toBeGreaterThan(0);
    expect(m.weights[1]).toBeLessThan(0);
    expect(Math.abs(m.weights[2] as number)).toBeLessThan(1e-9);
    expect(m.sds[2]).toBe(1);
  });

  it('shrinks weights as C falls, and stays finite on separable data', () => {
    const { x, y } = sample(300, 2);
    const strong = fitLogistic(x, y, { c: 100 });
    const weak = fitLogistic(x, y, { c: 0.01 });
    expect(Math.abs(weak.weights[0] as number)).toBeLessThan(Math.abs(strong.weights[0] as number));
    const sep = fitLogistic([[0], [1], [2], [3]], [false, false, true, true]);
    expect(Number.isFinite(sep.weights[0])).toBe(true);
    expect(predictLogistic(sep, [3])).toBeGreaterThan(0.5);
    expect(predictLogistic(sep, [0])).toBeLessThan(0.5);
  });

  it('splits the linear score into contributions that add up to it', () => {
    const { x, y } = sample(200, 3);
    const m = fitLogistic(x, y);
    const row = [9, 10, 3];
    const z = contributions(m, row).reduce((a, b) => a + b, m.intercept);
    expect(1 / (1 + Math.exp(-z))).toBeCloseTo(predictLogistic(m, row), 12);
  });

  it('refuses rows with one outcome only', () => {
    expect(() => fitLogistic([[1], [2]], [true, true])).toThrow();
    expect(() => fitLogistic([], [])).toThrow();
  });
});

describe('stratified folds', () => {
  it('deals each class evenly, the same for the same seed', () => {
    const truth = Array.from({ length: 103 }, (_, i) => i % 7 === 0);
    const a = stratifiedFolds(truth, 5, 3, 42);
    expect(a).toEqual(stratifiedFolds(truth, 5, 3, 42));
    expect(a).not.toEqual(stratifiedFolds(truth, 5, 3, 43));
    for (const folds of a) {
      const sizes = [0, 1, 2, 3, 4].map((k) => folds.filter((f) => f === k).length);
      const pos = [0, 1, 2, 3, 4].map((k) => folds.filter((f, i) => f === k && truth[i]).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(Math.max(...pos) - Math.min(...pos)).toBeLessThanOrEqual(1);
    }
  });
});
