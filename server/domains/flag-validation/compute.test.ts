import { describe, expect, it } from 'vitest';
import type { TGridPoint } from '../../../common/api/flag-validation.ts';
import { DEFAULT_FLAG_SETTINGS, type FlagInputs } from '../ejournal/index.ts';
import { estimate, judge } from './estimate.ts';
import { suggestThreshold, THRESHOLD_GRID, type ValidationRow, validateFlags } from './compute.ts';
import { gradeBand } from './fairness.ts';

/*
 * A hand-built semester of 20 students at the default settings (unjustified > 20, attendance < 0.85,
 * low marks ≥ 1, behaviour ≥ 3, average drop ≥ 1 but switched off). Every figure below is worked out
 * by hand in the comments; the semester was one school year ago (grade then = grade now − 1).
 *
 *  name  gender  grade  failed   indicator that fires          any flag
 *  FF1   female  8      yes      unjustified 30                 yes
 *  FF2   female  8      yes      low marks 2                    yes
 *  FF3   female  8      yes      low marks 1                    yes
 *  FF4   female  8      yes      behaviour 3                    yes
 *  FF5   female  8      yes      attendance 0.80                yes
 *  FM1   male    4      yes      unjustified 21                 yes
 *  FM2   male    4      yes      low marks 1                    yes
 *  FM3   male    4      yes      (average drop 1.5, switched off) no
 *  FM4   male    4      yes      —                              no
 *  FM5   male    4      yes      low marks 3                    yes
 *  N1    female  11     no       low marks 1                    yes (FP)
 *  N2    female  11     no       unjustified 25                 yes (FP)
 *  N3    male    11     no       (average drop 1.0, off)        no
 *  N4    male    11     no       —                              no
 *  N5    —       —      no       —                              no
 *  N6    —       11     no       behaviour 5                    yes (FP)
 *  N7    female  4      no       —                              no
 *  N8    male    4      no       —                              no
 *  U1    female  8      unknown  unjustified 50                 yes (not judged)
 *  U2    male    8      unknown  —                              no
 */
const base: FlagInputs = {
  unjustifiedLessons: 0,
  attendanceRate: 0.95,
  lowMarks: 0,
  markAverage: 6,
  previousAverage: 6,
  behaviourNotes: 0,
};
const row = (
  gender: string | null,
  grade: number | null,
  failed: boolean | null,
  x: Partial<FlagInputs> = {},
): ValidationRow => ({ gender, grade, failed, flags: { ...base, ...x }, settings: DEFAULT_FLAG_SETTINGS });

const ROWS: ValidationRow[] = [
  row('female', 8, true, { unjustifiedLessons: 30 }),
  row('female', 8, true, { lowMarks: 2 }),
  row('female', 8, true, { lowMarks: 1, markAverage: null, previousAverage: null }),
  row('female', 8, true, { behaviourNotes: 3 }),
  row('female', 8, true, { attendanceRate: 0.8 }),
  row('male', 4, true, { unjustifiedLessons: 21 }),
  row('male', 4, true, { lowMarks: 1 }),
  row('male', 4, true, { unjustifiedLessons: 10, previousAverage: 6.5, markAverage: 5 }),
  row('male', 4, true),
  row('male', 4, true, { lowMarks: 3 }),
  row('female', 11, false, { lowMarks: 1 }),
  row('female', 11, false, { unjustifiedLessons: 25 }),
  row('male', 11, false, { previousAverage: 7, markAverage: 6 }),
  row('male', 11, false),
  row(null, null, false, { attendanceRate: null }),
  row(null, 11, false, { behaviourNotes: 5 }),
  row('female', 4, false),
  row('male', 4, false),
  row('female', 8, null, { unjustifiedLessons: 50 }),
  row('male', 8, null),
];

const report = validateFlags(ROWS, 1);
const flag = (k: string) => report.flags.find((f) => f.key === k);

describe('the flag validation figures on a hand-built semester', () => {
  it('counts the students, the known outcomes and the students at risk', () => {
    expect(report).toMatchObject({ students: 20, known: 18, atRisk: 10 });
  });

  it('judges the flag set: TP 8 (FF1–5, FM1, FM2, FM5), FP 3 (N1, N2, N6), FN 2 (FM3, FM4), TN 5', () => {
    const s = report.flagSet;
    expect(s).toMatchObject({ flagged: 12, tp: 8, fp: 3, fn: 2, tn: 5 }); // flagged: 11 known + U1
    expect(s.precision.value).toBeCloseTo(8 / 11, 6); // 0.7273
    expect(s.recall.value).toBeCloseTo(0.8, 6);
    expect(s.specificity.value).toBeCloseTo(5 / 8, 6);
    expect(s.fpr.value).toBeCloseTo(3 / 8, 6);
    expect(s.accuracy.value).toBeCloseTo(13 / 18, 6);
    expect(s.f1).toBeCloseTo(16 / 21, 6); // 2·8 ÷ (2·8 + 3 + 2)
    // Wilson 8 of 10, z = 1.96: centre (0.8 + 3.8415/20) ÷ 1.38415 = 0.71674,
    // half 1.96·√(0.016 + 0.0096036) ÷ 1.38415 = 0.22658 → 0.4902 … 0.9433.
    expect(s.recall.low).toBeCloseTo(0.4902, 3);
    expect(s.recall.high).toBeCloseTo(0.9433, 3);
    // Wilson 8 of 11: centre (0.72727 + 0.17461) ÷ 1.34922 = 0.66845, half 0.31585 ÷ 1.34922 = 0.23410.
    expect(s.precision.low).toBeCloseTo(0.4344, 3);
    expect(s.precision.high).toBeCloseTo(0.9025, 3);
  });

  it('judges each flag at the threshold in force, whether or not it is switched on', () => {
    // low marks ≥ 1: FF2, FF3, FM2, FM5 (TP), N1 (FP).
    expect(flag('low_marks')?.current).toMatchObject({ flagged: 5, tp: 4, fp: 1, fn: 6, tn: 7 });
    expect(flag('low_marks')?.current.accuracy.value).toBeCloseTo(11 / 18, 6);
    // unjustified > 20: FF1, FM1 (TP), N2 (FP), U1 (unknown).
    expect(flag('unjustified')?.current).toMatchObject({ flagged: 4, tp: 2, fp: 1, fn: 8, tn: 7 });
    expect(flag('attendance')?.current).toMatchObject({ flagged: 1, tp: 1, fp: 0 });
    expect(flag('behaviour')?.current).toMatchObject({ flagged: 2, tp: 1, fp: 1 });
    // average drop ≥ 1 (off): FM3 1.5 (TP), N3 1.0 (FP).
    expect(flag('average_drop')).toMatchObject({ enabled: 'off', threshold: 1 });
    expect(flag('average_drop')?.current).toMatchObject({ flagged: 2, tp: 1, fp: 1 });
    expect(flag('low_marks')).toMatchObject({ enabled: 'on', threshold: 1 });
  });

  it('names the best single flag by accuracy and by F1: low marks (11/18; F1 8/15)', () => {
    expect(report.bestByAccuracy).toBe('low_marks');
    expect(report.bestByF1).toBe('low_marks');
    expect(flag('low_marks')?.current.f1).toBeCloseTo(8 / 15, 6);
  });

  it('gives the ROC AUC of the low-marks count with a Hanley–McNeil interval', () => {
    // Positives' scores 3, 2, 1, 1, 0×6; negatives' 1, 0×7. Pairs won (ties ½): 8 + 8 + 2·7.5 + 6·3.5
    // = 52 of 80 → 0.65. q1 = 0.65/1.35 = 0.48148, q2 = 2·0.4225/1.65 = 0.51212; variance
    // (0.2275 + 9·0.05898 + 7·0.08962) ÷ 80 = 0.017321 → half 1.96·0.13161 = 0.25795.
    const roc = flag('low_marks')?.roc;
    expect(roc?.indicator).toBe('low_marks');
    expect(roc?.auc).toBeCloseTo(0.65, 6);
    expect(roc?.aucLow).toBeCloseTo(0.3921, 3);
    expect(roc?.aucHigh).toBeCloseTo(0.9079, 3);
    // Thresholds 3, 2, 1, 0 after the start: (tpr, fpr) = (0.1, 0), (0.2, 0), (0.4, 0.125), (1, 1).
    expect(roc?.points.map((p) => [p.threshold, p.tpr, p.fpr])).toEqual([
      [null, 0, 0],
      [3, 0.1, 0],
      [2, 0.2, 0],
      [1, 0.4, 0.125],
      [0, 1, 1],
    ]);
  });

  it('tries the threshold grid: low marks ≥ 2 flags FF2 and FM5 only', () => {
    const lm = flag('low_marks')?.grid ?? [];
    expect(lm.map((p) => p.threshold)).toEqual(THRESHOLD_GRID.low_marks);
    expect(lm[1]).toMatchObject({ threshold: 2, tp: 2, fp: 0, fn: 8, tn: 8, flagged: 2 });
    expect(flag('unjustified')?.grid.map((p) => p.threshold)).toEqual([
      5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60,
    ]);
    expect(flag('attendance')?.grid.map((p) => p.threshold)).toEqual([0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
    // No grid point of any flag reaches recall 0.5 here, so nothing is suggested.
    expect(report.flags.map((f) => f.suggested)).toEqual([null, null, null, null, null]);
  });
});

describe('the fairness figures on the same semester', () => {
  const { gender, gradeBand: band } = report.fairness;
  it('splits the flag set by gender', () => {
    // female: FF1–5, N1, N2, N7, U1 → 9 students, 8 flagged, 5 at risk all flagged; precision 5/7.
    expect(gender.groups[0]).toMatchObject({ group: 'female', students: 9, flagged: 8, known: 8, atRisk: 5 });
    expect(gender.groups[0]?.recall.value).toBe(1);
    expect(gender.groups[0]?.precision.value).toBeCloseTo(5 / 7, 6);
    // Wilson 8 of 9: centre 1.10230 ÷ 1.42683 = 0.77255, half 0.29614 ÷ 1.42683 = 0.20755.
    expect(gender.groups[0]?.flagRate.low).toBeCloseTo(0.565, 3);
    expect(gender.groups[0]?.flagRate.high).toBeCloseTo(0.9801, 3);
    // male: FM1–5, N3, N4, N8, U2 → 9 students, 3 flagged, 3 of 5 at risk; precision 3/3.
    expect(gender.groups[1]).toMatchObject({ group: 'male', students: 9, flagged: 3, atRisk: 5 });
    expect(gender.groups[1]?.recall.value).toBeCloseTo(0.6, 6);
    // not recorded: N5, N6 → N6 flagged, nobody at risk (recall unknown, precision 0/1).
    expect(gender.groups[2]).toMatchObject({ group: 'not_recorded', students: 2, flagged: 1, atRisk: 0 });
    expect(gender.groups[2]?.recall).toEqual({ value: null, low: null, high: null });
  });

  it('warns when recall differs by more than 10 points between groups with 5+ at-risk students', () => {
    expect(gender.warning?.high).toBe('female');
    expect(gender.warning?.low).toBe('male');
    expect(gender.warning?.gap).toBeCloseTo(0.4, 6);
  });

  it('bands by the grade in the semester’s school year', () => {
    // 1–6: FM1–5 (grade 4 → 3), N7, N8: 7 students, 3 flagged, recall 3/5; 7–9: FF1–5, U1, U2 (8 → 7);
    // 10–12: N1–N4, N6 (11 → 10), nobody at risk; no grade: N5.
    expect(band.groups.map((g) => [g.group, g.students, g.flagged, g.atRisk])).toEqual([
      ['1-6', 7, 3, 5],
      ['7-9', 7, 6, 5],
      ['10-12', 5, 3, 0],
      ['no_grade', 1, 0, 0],
    ]);
    expect(band.warning).toMatchObject({ high: '7-9', low: '1-6' });
  });

  it('raises no warning for a gap of 10 points or less, or for groups under 5 at-risk students', () => {
    // 10 at risk each: recall 9/10 vs 8/10 is exactly 10 points, no warning.
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => row('female', 5, true, { lowMarks: i < 9 ? 1 : 0 })),
      ...Array.from({ length: 10 }, (_, i) => row('male', 5, true, { lowMarks: i < 8 ? 1 : 0 })),
      // 4 at risk, none flagged: too few to compare.
      ...Array.from({ length: 4 }, () => row(null, 5, true)),
    ];
    const r = validateFlags(rows, 0).fairness.gender;
    expect(r.groups.map((g) => g.recall.value)).toEqual([0.9, 0.8, 0]);
    expect(r.warning).toBeNull();
  });

  it('bands grades: current grade minus the years since; no grade or below 1 is "no grade"', () => {
    expect(gradeBand(7, 1)).toBe('1-6');
    expect(gradeBand(10, 0)).toBe('10-12');
    expect(gradeBand(1, 1)).toBe('no_grade');
    expect(gradeBand(null, 0)).toBe('no_grade');
  });
});

describe('the suggested threshold', () => {
  const point = (threshold: number, tp: number, fp: number, fn: number, tn: number): TGridPoint => ({
    threshold,
    ...judge(
      [...Array(tp + fp).fill(true), ...Array(fn + tn).fill(false)],
      [...Array(tp).fill(true), ...Array(fp).fill(false), ...Array(fn).fill(true), ...Array(tn).fill(false)],
    ),
  });
  it('takes the highest Youden J among points with recall ≥ 0.5', () => {
    const grid = [
      point(5, 10, 40, 0, 50), // J = 1 + 0.556 − 1 = 0.556
      point(10, 8, 10, 2, 80), // J = 0.8 + 0.889 − 1 = 0.689
      point(20, 4, 0, 6, 90), // recall 0.4: not eligible though J = 0.4
      point(15, 5, 2, 5, 88), // J = 0.5 + 0.978 − 1 = 0.478
    ];
    expect(suggestThreshold(grid)?.threshold).toBe(10);
    expect(suggestThreshold([grid[2] as TGridPoint])).toBeNull();
  });
  it('gives an empty estimate for nothing to divide', () => {
    expect(estimate(0, 0)).toEqual({ value: null, low: null, high: null });
  });
});
