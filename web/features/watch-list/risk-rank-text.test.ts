import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RISK_FEATURE_KEYS } from '../../../common/api/risk-score.ts';
import en from '../../i18n/en/risk-score.json';
import lv from '../../i18n/lv/risk-score.json';
import { contributorsText, contributorText } from './risk-rank-text.ts';

function translator(lng: 'lv' | 'en') {
  const i18n = i18next.createInstance();
  void i18n.init({
    initAsync: false,
    lng,
    resources: { lv: { translation: lv }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n) as (key: string, o?: Record<string, unknown>) => string;
}

describe('the indicators behind a rank in words', () => {
  it('has a text for every feature of the model in both languages', () => {
    for (const lng of ['lv', 'en'] as const) {
      const t = translator(lng);
      for (const feature of RISK_FEATURE_KEYS) {
        const text = contributorText(t, { feature, value: 2 }, lng);
        expect(text, `${lng} ${feature}`).not.toContain('riskScore.');
        expect(text).toMatch(/2/);
      }
    }
  });

  it('reads as the coordinator would say it, with Latvian counter forms and decimal commas', () => {
    const t = translator('lv');
    expect(
      contributorsText(
        t,
        [
          { feature: 'lowMarks', value: 2 },
          { feature: 'unjustifiedLessons', value: 18 },
        ],
        'lv',
      ),
    ).toBe('atzīmes zem 4 — 2 mācību priekšmetos; 18 neattaisnotu stundu');
    expect(contributorText(t, { feature: 'lowMarks', value: 1 }, 'lv')).toBe(
      'atzīmes zem 4 — 1 mācību priekšmetā',
    );
    expect(contributorText(t, { feature: 'unjustifiedLessons', value: 21 }, 'lv')).toBe(
      '21 neattaisnota stunda',
    );
    expect(contributorText(t, { feature: 'markAverage', value: 4.25 }, 'lv')).toBe('vidējā atzīme 4,25');
    const e = translator('en');
    expect(contributorText(e, { feature: 'markAverage', value: 4.25 }, 'en')).toBe('average mark 4.25');
    expect(contributorText(e, { feature: 'lowMarks', value: 1 }, 'en')).toBe('marks below 4 in 1 subject');
    expect(t('riskScore.rank', { rank: 3, total: 120 })).toBe('3. no 120');
  });
});
