import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Evaluation, evaluate, f1Threshold, naivePrediction } from './evaluate-flags.ts';
import { parseFolds, parseUciStudent, type UciStudentRow } from './uci-student.ts';

/**
 * Issue 15, done when 1: on the published data set with its folds the naive rule gives exactly the
 * published 89.7 / 87.5 / 84.6 %, the product's score is within 0.01 of the reference AUC (or above),
 * and the default flag set on setup A is at least as accurate as its best single flag. The data set is
 * in the repository (test/fixtures/early-warning/, CC BY 4.0), so this never skips.
 */
const FIXTURE = new URL('../../test/fixtures/early-warning/', import.meta.url);
const csv = readFileSync(new URL('student-por.csv', FIXTURE));
const foldsText = readFileSync(new URL('folds-student-por.json', FIXTURE), 'utf8');
const REFERENCE_AUC = { A: 0.971, B: 0.949, C: 0.715 } as const;

describe('evaluate on the UCI Student Performance data set with its folds', () => {
  let rows: UciStudentRow[];
  let result: Evaluation;
  beforeAll(() => {
    rows = parseUciStudent(csv);
    result = evaluate(rows, { folds: parseFolds(foldsText, rows.length) });
  });

  it('reads the published file (its sha256, 649 rows, 100 failing the year)', () => {
    expect(createHash('sha256').update(csv).digest('hex')).toBe(
      'f2c623e85c383b8ade96716213e888d78ccc5e9dc7008d661853d894ee710ad2',
    );
    expect([result.rows, result.atRisk]).toEqual([649, 100]);
    expect(result.folds).toEqual({ source: 'file', k: 5, repeats: 10, seed: null });
  });

  it('reproduces the naive rule published by Cortez & Silva: 89.7 / 87.5 / 84.6 %', () => {
    const pct = (s: 'A' | 'B' | 'C') => ((result.setups[s].naiveAccuracy.value as number) * 100).toFixed(1);
    expect([pct('A'), pct('B'), pct('C')]).toEqual(['89.7', '87.5', '84.6']);
  });

  it("the product's score reaches the reference AUC (within 0.01 or above) on all 50 folds", () => {
    for (const s of ['A', 'B', 'C'] as const) {
      expect(result.setups[s].score.folds).toBe(50);
      expect(result.setups[s].score.rocAuc.mean).toBeGreaterThanOrEqual(REFERENCE_AUC[s] - 0.01);
    }
  });

  it('the default flag set on setup A is at least as accurate as its best single flag', () => {
    const set = result.setups.A.flagSet;
    expect(set.bestSingle).not.toBeNull();
    expect(set.result?.accuracy.value).toBeGreaterThanOrEqual(set.bestSingle?.accuracy as number);
    expect(set.atLeastBestSingle).toBe(true);
  });

  it('reports what the data set cannot judge as not measurable, and average_drop as if switched on', () => {
    const a = result.setups.A.flags;
    expect([a.unjustified.asIfOn, a.attendance.asIfOn, a.behaviour.asIfOn]).toEqual([null, null, null]);
    expect(a.attendance.notMeasurable).toMatch(/lessons were held/);
    expect(a.average_drop.onByDefault).toBe(false);
    expect(a.average_drop.asIfOn?.confusion).toEqual({ tp: 7, fp: 22, tn: 527, fn: 93 });
    // Switched on, it would catch no failing student that low_marks misses and add 21 false alarms.
    expect(a.average_drop.adds).toEqual({ caught: 0, falseAlarms: 21 });
    expect(result.setups.B.flags.average_drop.notMeasurable).not.toBeNull();
    expect(result.setups.C.flagSet.result).toBeNull();
  });

  it('never reads sex for the score: the same folds give the same figures with every sex swapped', () => {
    const swapped = rows.map((r) => ({
      ...r,
      sex: r.sex === 'F' ? ('M' as const) : r.sex === 'M' ? ('F' as const) : null,
    }));
    const again = evaluate(swapped, { folds: parseFolds(foldsText, rows.length) });
    expect(again.setups.A.score).toEqual(result.setups.A.score);
    expect(again.setups.A.fairness.score.F).toEqual(result.setups.A.fairness.score.M);
  });

  it('makes its own stratified 10 × 5 folds with a fixed seed without a folds file', () => {
    const own = evaluate(rows);
    expect(own.folds).toEqual({ source: 'generated', k: 5, repeats: 10, seed: 20240601 });
    for (const s of ['A', 'B', 'C'] as const)
      expect(own.setups[s].score.rocAuc.mean).toBeGreaterThanOrEqual(REFERENCE_AUC[s] - 0.01);
    expect(evaluate(rows).setups.C.score).toEqual(own.setups.C.score);
  });
});

describe('evaluate on a hand-computed fixture', () => {
  const row = (sex: 'F' | 'M', g1: number, g2: number, g3: number, absences: number) => ({
    sex,
    failures: 0,
    absences,
    g1,
    g2,
    g3,
  });
  // At risk (G3 < 10): r1, r3, r5. low_marks (G2 < 10): r1, r3, r6. A drop of ≥ 1 on 1–10: r1, r4.
  const rows = [
    row('F', 12, 8, 7, 10), // r1: low, drop 5.2 → 3.4, at risk
    row('F', 14, 13, 12, 0), // r2: drop 0.6 only
    row('M', 9, 9, 8, 6), // r3: low, at risk
    row('M', 15, 12, 11, 2), // r4: drop 7.0 → 5.2, passes: a false alarm of average_drop
    row('M', 10, 11, 9, 8), // r5: at risk, nothing raised
    row('F', 9, 9, 10, 4), // r6: low, passes
  ];
  const result = evaluate(rows, { folds: { folds: [[0, 0, 0, 1, 1, 1]], k: 2 } });

  it('counts each flag, its Wilson intervals and what it adds to the set', () => {
    const low = result.setups.A.flags.low_marks;
    expect(low.asIfOn?.confusion).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(low.asIfOn?.precision).toMatchObject({ k: 2, n: 3 });
    expect(low.asIfOn?.precision.low).toBeCloseTo(0.2077, 3);
    expect(low.asIfOn?.precision.high).toBeCloseTo(0.9385, 3);
    expect(low.asIfOn?.accuracy.value).toBeCloseTo(4 / 6, 10);
    expect(low.adds).toEqual({ caught: 2, falseAlarms: 1 });
    const drop = result.setups.A.flags.average_drop;
    expect(drop.asIfOn?.confusion).toEqual({ tp: 1, fp: 1, tn: 2, fn: 2 });
    expect(drop.adds).toEqual({ caught: 0, falseAlarms: 1 });
    expect(result.setups.A.flagSet.flags).toEqual(['low_marks']);
  });

  it('the naive rule: A = G2 < 10, B = G1 < 10, C = the majority class', () => {
    expect(naivePrediction(rows, 'B')).toEqual([false, false, true, false, false, true]);
    expect(naivePrediction(rows, 'C')).toEqual([false, false, false, false, false, false]);
    expect(['A', 'B', 'C'].map((s) => result.setups[s as 'A'].naiveAccuracy.k)).toEqual([4, 3, 3]);
  });

  it('the fairness table of the flag set by sex, with the recall-gap warning', () => {
    const f = result.setups.A.fairness.flagSet;
    expect(f?.F).toMatchObject({ n: 3, atRisk: 1, flagRate: { k: 2, n: 3 }, precision: { k: 1, n: 2 } });
    expect(f?.F.recall).toMatchObject({ k: 1, n: 1, value: 1 });
    expect(f?.M).toMatchObject({ n: 3, atRisk: 2, flagRate: { k: 1, n: 3 }, recall: { k: 1, n: 2 } });
    expect(f?.recallGap).toBeCloseTo(0.5, 10);
    expect(f?.warning).toBe(true);
    expect(result.setups.C.fairness.flagSet).toBeNull();
  });
});

describe('f1Threshold', () => {
  it('picks the score that maximises F1 on the rows given, the higher one on a tie', () => {
    expect(f1Threshold([0.9, 0.8, 0.7, 0.3], [true, false, true, false])).toBe(0.7);
    expect(f1Threshold([0.5, 0.5, 0.1], [true, false, false])).toBe(0.5);
  });
});
