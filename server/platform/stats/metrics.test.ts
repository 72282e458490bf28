import { describe, expect, it } from 'vitest';
import {
  accuracyOf,
  aucInterval,
  averagePrecision,
  confusion,
  f1Of,
  meanSd,
  precisionAtTop,
  precisionOf,
  recallOf,
  rocAuc,
  rocCurve,
  specificityOf,
  wilson,
} from './metrics.ts';

describe('classification metrics', () => {
  it('counts a confusion matrix and the rates from it', () => {
    const c = confusion([true, true, false, false, true], [true, false, false, true, true]);
    expect(c).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(precisionOf(c)).toBeCloseTo(2 / 3);
    expect(recallOf(c)).toBeCloseTo(2 / 3);
    expect(specificityOf(c)).toBeCloseTo(1 / 2);
    expect(accuracyOf(c)).toBeCloseTo(3 / 5);
    expect(f1Of(c)).toBeCloseTo(2 / 3);
    expect(precisionOf(confusion([false], [true]))).toBeNull();
  });

  it('gives the Wilson interval (hand-computed: 5 of 10 → 0.2366–0.7634; 0 of 20 → 0–0.1611)', () => {
    const a = wilson(5, 10);
    expect(a?.low).toBeCloseTo(0.2366, 4);
    expect(a?.high).toBeCloseTo(0.7634, 4);
    const b = wilson(0, 20);
    expect(b?.low).toBe(0);
    expect(b?.high).toBeCloseTo(0.1611, 4);
    expect(wilson(0, 0)).toBeNull();
  });

  it('computes ROC AUC with ties as a half, and the curve', () => {
    // The textbook example: AUC 0.75, average precision 0.8333.
    const s = [0.1, 0.4, 0.35, 0.8];
    const t = [false, false, true, true];
    expect(rocAuc(s, t)).toBeCloseTo(0.75);
    expect(averagePrecision(s, t)).toBeCloseTo(0.8333, 4);
    expect(rocAuc([1, 1, 1], [true, false, false])).toBeCloseTo(0.5);
    expect(rocAuc([3, 2, 1], [true, true, false])).toBe(1);
    expect(rocAuc([1, 2, 3], [true, true, false])).toBe(0);
    expect(rocAuc([1, 2], [true, true])).toBeNull();
    const curve = rocCurve(s, t);
    expect(curve.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    // Tied scores make one point.
    expect(rocCurve([2, 2, 1], [true, false, false]).map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0.5, 1],
      [1, 1],
    ]);
  });

  it('gives an AUC interval that narrows with more students', () => {
    const small = aucInterval(0.8, 10, 40);
    const large = aucInterval(0.8, 100, 400);
    expect(small && large).toBeTruthy();
    expect((small?.high ?? 0) - (small?.low ?? 0)).toBeGreaterThan((large?.high ?? 0) - (large?.low ?? 0));
    expect(large?.low).toBeLessThan(0.8);
    expect(aucInterval(0.8, 0, 5)).toBeNull();
  });

  it('measures precision in the top share, ties shared pro rata', () => {
    const s = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const t = [true, false, true, false, false, false, false, false, false, true];
    expect(precisionAtTop(s, t, 0.1)).toBe(1);
    expect(precisionAtTop(s, t, 0.2)).toBe(0.5);
    // Top 1 of three tied at the top, one of them positive: 1/3.
    expect(precisionAtTop([5, 5, 5, 1], [true, false, false, false], 0.25)).toBeCloseTo(1 / 3);
  });

  it('gives the mean and the sample SD', () => {
    expect(meanSd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: Math.sqrt(32 / 7) });
    expect(meanSd([3])).toEqual({ mean: 3, sd: 0 });
  });
});
