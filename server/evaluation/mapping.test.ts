import { describe, expect, it } from 'vitest';
import { mapMark, mapRow } from './mapping.ts';

describe('mapMark (0–20 onto 1–10, the pass lines meeting)', () => {
  it('maps the anchor points and keeps the order', () => {
    expect([0, 9, 10, 15, 20].map((g) => Number(mapMark(g).toFixed(6)))).toEqual([1, 3.7, 4, 7, 10]);
    for (let g = 0; g < 20; g += 1) expect(mapMark(g + 1)).toBeGreaterThan(mapMark(g));
  });

  it('is below 4 exactly when the mark fails (g < 10)', () => {
    for (let g = 0; g <= 20; g += 1) expect(mapMark(g) < 4).toBe(g < 10);
  });
});

describe('mapRow', () => {
  const row = { sex: 'F' as const, failures: 2, absences: 14, g1: 12, g2: 8, g3: 7 };

  it('setup A: G2 is the current semester, G1 the previous one; absences are missed lessons of unknown reason', () => {
    const { flags, risk } = mapRow(row, 'A');
    expect(flags).toEqual({
      unjustifiedLessons: 0,
      attendanceRate: null,
      lowMarks: 1,
      markAverage: mapMark(8),
      previousAverage: mapMark(12),
      behaviourNotes: 0,
    });
    expect(risk).toEqual({
      unjustifiedLessons: 0,
      missedLessons: 14,
      yearsNotPassed: 2,
      lowMarks: 1,
      markAverage: mapMark(8),
      previousAverage: mapMark(12),
      behaviourNotes: null,
    });
  });

  it('setup B: G1 is the current semester and nothing before it; setup C: no marks', () => {
    expect(mapRow(row, 'B').flags).toMatchObject({
      lowMarks: 0,
      markAverage: mapMark(12),
      previousAverage: null,
    });
    expect(mapRow(row, 'C').risk).toMatchObject({ lowMarks: null, markAverage: null, previousAverage: null });
    expect(mapRow(row, 'C').flags).toMatchObject({ lowMarks: 0, markAverage: null, previousAverage: null });
  });

  it('reads absences as unjustified lessons only when asked (the sensitivity check)', () => {
    expect(mapRow(row, 'A', 'unjustified').flags.unjustifiedLessons).toBe(14);
    expect(mapRow(row, 'A', 'unjustified').risk).toMatchObject({ unjustifiedLessons: 14, missedLessons: 14 });
  });

  it('never carries sex', () => {
    expect(JSON.stringify(mapRow(row, 'A'))).not.toMatch(/sex|"F"/);
  });
});
