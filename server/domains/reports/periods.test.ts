import { describe, expect, it } from 'vitest';
import { parsePeriod, semesterPeriod } from './periods.ts';

describe('report periods', () => {
  it('reads a school year and its semesters', () => {
    expect(parsePeriod('2026')).toEqual({ schoolYear: 2026, semester: null });
    expect(parsePeriod('2026-1')).toEqual({ schoolYear: 2026, semester: 1 });
    expect(parsePeriod('2026-2')).toEqual({ schoolYear: 2026, semester: 2 });
    expect(semesterPeriod({ schoolYear: 2025, number: 2 })).toBe('2025-2');
  });

  it('refuses what is not a period', () => {
    for (const bad of ['0000', '9999', '2026-3', '2026-0', '26-1', '2026-1 ', '2026\u0000', '', '2026-12']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });
});
