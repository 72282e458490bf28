import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/stats/folds.ts';
import { bestFlagAuc, type FitRow, fitWithMetrics, flagIndicator, MIN_ROWS_PER_CLASS } from './fit.ts';
import { RISK_FEATURES } from './model.ts';

/** Rows where failing goes with many low marks and unjustified lessons (and noise), never with behaviour. */
function rows(positives: number, negatives: number, seed = 7): FitRow[] {
  const random = seededRandom(seed);
  const make = (failed: boolean): FitRow => {
    const lowMarks = Math.max(0, Math.round((failed ? 3 : 0.4) + (random() - 0.5) * 3));
    const unjustified = Math.max(0, Math.round((failed ? 25 : 6) + (random() - 0.5) * 30));
    const markAverage = Math.round(((failed ? 4.6 : 6.8) + (random() - 0.5) * 2.5) * 100) / 100;
    const behaviour = Math.floor(random() * 3);
    return {
      failed,
      risk: {
        unjustifiedLessons: unjustified,
        missedLessons: unjustified + Math.floor(random() * 20),
        yearsNotPassed: failed && random() < 0.3 ? 1 : 0,
        lowMarks,
        markAverage,
        previousAverage: random() < 0.2 ? null : markAverage + (random() - 0.5),
        behaviourNotes: behaviour,
      },
      flags: {
        unjustifiedLessons: unjustified,
        attendanceRate: 0.9,
        lowMarks,
        markAverage,
        previousAverage: null,
        behaviourNotes: behaviour,
      },
    };
  };
  return [
    ...Array.from({ length: positives }, () => make(true)),
    ...Array.from({ length: negatives }, () => make(false)),
  ];
}

describe('the refit', () => {
  it('fits on the ABC features only and separates a separable history (cross-validated AUC well above 0.5)', () => {
    const fit = fitWithMetrics(rows(60, 240));
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.model.features).toEqual(RISK_FEATURES);
    expect(fit.metrics.folds).toBe(10);
    expect(fit.metrics.auc.mean).toBeGreaterThan(0.85);
    expect(fit.metrics.auc.sd).toBeGreaterThanOrEqual(0);
    expect(fit.metrics.prAuc.mean).toBeGreaterThan(0.5);
    expect(fit.metrics.bestFlag?.key).toBe('low_marks');
    expect(fit.rows).toBe(300);
    expect(fit.positives).toBe(60);
  });

  it('gives the same metrics for the same history (fixed seed)', () => {
    const a = fitWithMetrics(rows(40, 100, 3));
    const b = fitWithMetrics(rows(40, 100, 3));
    expect(a).toEqual(b);
  });

  it(`refuses with fewer than ${MIN_ROWS_PER_CLASS} at-risk or not-at-risk rows`, () => {
    expect(fitWithMetrics(rows(MIN_ROWS_PER_CLASS - 1, 500))).toEqual({
      ok: false,
      reason: 'not_enough_history',
      rows: 529,
      positives: 29,
    });
    expect(fitWithMetrics(rows(200, MIN_ROWS_PER_CLASS - 1)).ok).toBe(false);
    expect(fitWithMetrics(rows(MIN_ROWS_PER_CLASS, MIN_ROWS_PER_CLASS)).ok).toBe(true);
  });
});

describe('the flags’ indicators', () => {
  const x = {
    unjustifiedLessons: 12,
    attendanceRate: 0.8,
    lowMarks: 2,
    markAverage: 5.5,
    previousAverage: 6.5,
    behaviourNotes: 1,
  };
  it('is each flag’s value, higher = more at risk; a missing value ranks lowest', () => {
    expect(flagIndicator('unjustified', x)).toBe(12);
    expect(flagIndicator('attendance', x)).toBeCloseTo(0.2);
    expect(flagIndicator('low_marks', x)).toBe(2);
    expect(flagIndicator('average_drop', x)).toBe(1);
    expect(flagIndicator('behaviour', x)).toBe(1);
    expect(flagIndicator('attendance', { ...x, attendanceRate: null })).toBeLessThan(-1000);
    expect(flagIndicator('average_drop', { ...x, previousAverage: null })).toBeLessThan(-1000);
  });

  it('names the flag whose indicator separates best, with its AUC', () => {
    const two: FitRow[] = [true, false].map((failed) => ({
      failed,
      risk: {} as FitRow['risk'],
      flags: { ...x, behaviourNotes: failed ? 4 : 0, lowMarks: 1 },
    }));
    expect(bestFlagAuc(two)).toEqual({ key: 'behaviour', auc: 1 });
    expect(bestFlagAuc(two.slice(0, 1))).toBeNull();
  });
});
