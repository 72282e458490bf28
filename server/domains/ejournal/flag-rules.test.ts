import { describe, expect, it } from 'vitest';
import { FLAG_KEYS } from '../../../common/api/ejournal.ts';
import {
  DEFAULT_FLAG_SETTINGS,
  type FlagInputs,
  type FlagSettings,
  flagCondition,
  raisedFlags,
} from './flag-rules.ts';

const quiet: FlagInputs = {
  unjustifiedLessons: 0,
  attendanceRate: 1,
  lowMarks: 0,
  markAverage: 7,
  previousAverage: 7,
  behaviourNotes: 0,
};
const allOn: FlagSettings = { ...DEFAULT_FLAG_SETTINGS, disabledFlags: [] };

describe('flag rules', () => {
  it('default: low_marks at 1 subject, average_drop switched off', () => {
    expect(DEFAULT_FLAG_SETTINGS.lowMarks).toBe(1);
    expect(DEFAULT_FLAG_SETTINGS.disabledFlags).toEqual(['average_drop']);
    expect(raisedFlags(quiet, DEFAULT_FLAG_SETTINGS)).toEqual([]);
  });

  it('unjustified: more than the threshold, not at it', () => {
    expect(flagCondition('unjustified', { ...quiet, unjustifiedLessons: 20 }, allOn)).toBe(false);
    expect(flagCondition('unjustified', { ...quiet, unjustifiedLessons: 21 }, allOn)).toBe(true);
  });

  it('attendance: below the threshold; nothing known raises nothing', () => {
    expect(flagCondition('attendance', { ...quiet, attendanceRate: 0.85 }, allOn)).toBe(false);
    expect(flagCondition('attendance', { ...quiet, attendanceRate: 0.849 }, allOn)).toBe(true);
    expect(flagCondition('attendance', { ...quiet, attendanceRate: null }, allOn)).toBe(false);
  });

  it('low_marks: one failing subject is enough by default; the threshold counts subjects', () => {
    expect(flagCondition('low_marks', { ...quiet, lowMarks: 1 }, allOn)).toBe(true);
    expect(flagCondition('low_marks', { ...quiet, lowMarks: 0 }, allOn)).toBe(false);
    expect(flagCondition('low_marks', { ...quiet, lowMarks: 1 }, { ...allOn, lowMarks: 2 })).toBe(false);
    expect(flagCondition('low_marks', { ...quiet, lowMarks: 2 }, { ...allOn, lowMarks: 2 })).toBe(true);
  });

  it('average_drop: a fall of at least the threshold, rounded as the stored averages are', () => {
    const drop = (previousAverage: number | null, markAverage: number | null) =>
      flagCondition('average_drop', { ...quiet, previousAverage, markAverage }, allOn);
    expect(drop(6.3, 5.3)).toBe(true); // 0.9999999999999991 in binary
    expect(drop(6.3, 5.31)).toBe(false);
    expect(drop(5.3, 6.3)).toBe(false);
    expect(drop(null, 5)).toBe(false);
    expect(drop(6, null)).toBe(false);
  });

  it('behaviour: at the threshold or more', () => {
    expect(flagCondition('behaviour', { ...quiet, behaviourNotes: 2 }, allOn)).toBe(false);
    expect(flagCondition('behaviour', { ...quiet, behaviourNotes: 3 }, allOn)).toBe(true);
  });

  it('a switched-off flag is never raised, whatever its condition; the others stay, in the list order', () => {
    const loud: FlagInputs = {
      unjustifiedLessons: 50,
      attendanceRate: 0.5,
      lowMarks: 4,
      markAverage: 3,
      previousAverage: 7,
      behaviourNotes: 9,
    };
    expect(raisedFlags(loud, allOn)).toEqual([...FLAG_KEYS]);
    expect(raisedFlags(loud, DEFAULT_FLAG_SETTINGS)).toEqual([
      'unjustified',
      'attendance',
      'low_marks',
      'behaviour',
    ]);
    for (const off of FLAG_KEYS) {
      expect(flagCondition(off, loud, { ...allOn, disabledFlags: [off] })).toBe(true);
      expect(raisedFlags(loud, { ...allOn, disabledFlags: [off] })).toEqual(
        FLAG_KEYS.filter((k) => k !== off),
      );
    }
    expect(raisedFlags(loud, { ...allOn, disabledFlags: [...FLAG_KEYS] })).toEqual([]);
  });
});
