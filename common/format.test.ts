import { describe, expect, it } from 'vitest';
import { formatDate, formatEuro } from './format.ts';

describe('formats', () => {
  it('shows a calendar date as dd.mm.yyyy without shifting it by the time zone', () => {
    expect(formatDate('2026-09-01')).toBe('01.09.2026');
    expect(formatDate('2026-12-31')).toBe('31.12.2026');
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  it('shows euros from integer cents with two decimals, a decimal comma in Latvian', () => {
    expect(formatEuro(2500, 'lv')).toBe('25,00 €');
    expect(formatEuro(1, 'en')).toBe('€0.01');
    expect(formatEuro(123456, 'lv')).toBe('1\u00a0234,56 €');
    expect(formatEuro(466700, 'en')).toBe('€4,667.00');
    expect(formatEuro(-1500, 'lv')).toBe('−15,00 €');
  });
});
