import type { TRiskContributor } from '../../../common/api/risk-score.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** Features counted in whole numbers (a counter text); the others are averages shown with decimals. */
const AVERAGES = new Set(['markAverage', 'previousAverage']);

/** A mark average as the language writes it: 4,25 in Latvian, 4.25 in English. */
function decimal(value: number, language: string): string {
  const text = value.toFixed(2);
  return language === 'lv' ? text.replace('.', ',') : text;
}

/**
 * One indicator behind a rank in words ("atzīmes zem 4 — 2 mācību priekšmetos", "18 neattaisnotu
 * stundu"): the key riskScore.contributors.<feature> with the value as its count or value.
 */
export function contributorText(t: T, c: TRiskContributor, language: string): string {
  const key = `riskScore.contributors.${c.feature}`;
  return AVERAGES.has(c.feature)
    ? t(key, { value: decimal(c.value, language) })
    : t(key, { count: Math.round(c.value) });
}

/** The indicators behind a rank, joined as one line. */
export function contributorsText(t: T, list: readonly TRiskContributor[], language: string): string {
  return list.map((c) => contributorText(t, c, language)).join('; ');
}
