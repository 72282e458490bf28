import { describe, expect, it } from 'vitest';
import { clearedTotals } from './erasure-labels.ts';

describe('clearedTotals', () => {
  it('adds the rows changed and counts only the columns that changed', () => {
    expect(clearedTotals({ 'students.first_name': 1, 'guardians.phone': 2, 'case_notes.text': 0 })).toEqual({
      values: 3,
      columns: 2,
    });
  });

  it('is zero for an erasure that cleared nothing', () => {
    expect(clearedTotals({})).toEqual({ values: 0, columns: 0 });
  });
});
