import { describe, expect, it } from 'vitest';
import { RISK_FEATURES, type RiskModel, topContributors } from './model.ts';
import { ranksWithin } from './ranks.ts';
import { readableContributors } from './service.ts';

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

describe('contributors in words', () => {
  const model: RiskModel = {
    features: RISK_FEATURES,
    fill: RISK_FEATURES.map(() => 0),
    logistic: {
      means: RISK_FEATURES.map(() => 2),
      sds: RISK_FEATURES.map(() => 1),
      // lowMarks raises (+), markAverage lowers (−, the warning reading), behaviour notes lower (against it).
      weights: [0, 0, 0, 1, -1, 0, -1],
      intercept: 0,
    },
  };
  const x = {
    unjustifiedLessons: 2,
    missedLessons: 2,
    yearsNotPassed: 0,
    lowMarks: 4,
    markAverage: 1,
    previousAverage: null,
    behaviourNotes: 0,
  };
  it('names only indicators that raise the score in their warning direction, largest first', () => {
    expect(topContributors(model, x).map((c) => c.feature)).toContain('behaviourNotes');
    expect(readableContributors(model, x).map((c) => c.feature)).toEqual(['lowMarks', 'markAverage']);
  });
});
