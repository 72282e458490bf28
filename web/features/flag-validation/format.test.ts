import { describe, expect, it } from 'vitest';
import { formatEstimate, formatThreshold } from './format.ts';

describe('the flag report formats', () => {
  it('writes a proportion with its interval in the Latvian and English number formats', () => {
    const e = { value: 0.8412, low: 0.7801, high: 0.8899 };
    expect(formatEstimate(e, 'lv')).toBe('0,84 (0,78–0,89)');
    expect(formatEstimate(e, 'en')).toBe('0.84 (0.78–0.89)');
    expect(formatEstimate({ value: null, low: null, high: null }, 'lv')).toBe('—');
  });
  it('writes thresholds in their units', () => {
    expect(formatThreshold('attendance', 0.85, 'lv')).toBe('0,85');
    expect(formatThreshold('average_drop', 1, 'lv')).toBe('1,0');
    expect(formatThreshold('unjustified', 20, 'en')).toBe('20');
  });
});
