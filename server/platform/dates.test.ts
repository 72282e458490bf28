import { describe, expect, it } from 'vitest';
import { todayInLatvia } from './dates.ts';

describe('todayInLatvia', () => {
  it('is already the next day in Riga shortly after midnight Latvian time', () => {
    // 23:30 UTC on 28 Nov is 01:30 on 29 Nov in Riga (UTC+2 in winter).
    expect(todayInLatvia(new Date('2026-11-28T23:30:00Z'))).toBe('2026-11-29');
    expect(todayInLatvia(new Date('2026-11-28T21:30:00Z'))).toBe('2026-11-28');
  });

  it('follows summer time (UTC+3)', () => {
    expect(todayInLatvia(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
  });
});
