import { describe, expect, it } from 'vitest';
import { ranksWithin } from './ranks.ts';

describe('ranks within a school', () => {
  it('gives 1 to the highest score and N to the lowest', () => {
    expect(ranksWithin([0.1, 0.9, 0.5])).toEqual([3, 1, 2]);
  });

  it('gives tied students the same, better rank and skips the ranks they take', () => {
    expect(ranksWithin([0.2, 0.8, 0.8, 0.1, 0.2])).toEqual([3, 1, 1, 5, 3]);
    expect(ranksWithin([0.5, 0.5, 0.5])).toEqual([1, 1, 1]);
  });

  it('ranks nobody in an empty school', () => {
    expect(ranksWithin([])).toEqual([]);
  });
});
