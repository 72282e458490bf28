import { describe, expect, it } from 'vitest';
import {
  chronologyDayAt,
  chronologyDayOf,
  chronologyParams,
  encodeChronologyCursor,
  rigaInstant,
  ZChronologyQuery,
} from './chronology.ts';

describe('chronology helpers', () => {
  it('puts a whole-day event at 00:00 Riga time, summer and winter, and knows it again', () => {
    expect(chronologyDayAt('2026-07-01')).toBe('2026-06-30T21:00:00.000Z');
    expect(chronologyDayAt('2026-12-01')).toBe('2026-11-30T22:00:00.000Z');
    expect(chronologyDayOf(chronologyDayAt('2026-03-29'))).toBe('2026-03-29');
    expect(chronologyDayOf(rigaInstant('2026-03-29', '08:15'))).toBeNull();
    expect(rigaInstant('2026-10-12', '08:15')).toBe('2026-10-12T05:15:00.000Z');
    // A bare date written as 00:00 UTC (as the notes write theirs) is a whole day too.
    expect(chronologyDayOf('2026-10-12T00:00:00.000Z')).toBe('2026-10-12');
    expect(chronologyDayOf('2026-10-12T00:00:00.123Z')).toBeNull();
  });

  it('words codes, semesters and the language pair of a name', () => {
    const p = chronologyParams(
      { level: 'expert', semester: '2026-1', nameLv: 'Mācības', nameEn: 'Learning', by: null, minutes: 45 },
      'en',
      (section, code) => `${section}:${code}`,
      (year, number) => `${year}/${year + 1}-${number}`,
    );
    expect(p).toMatchObject({
      level: 'levels:expert',
      semester: '2026/2027-1',
      name: 'Learning',
      by: '',
      minutes: 45,
    });
  });

  it('parses types and a cursor, refusing unknown types, broken cursors and a range the wrong way round', () => {
    const cursor = encodeChronologyCursor('2026-10-12T05:15:00.000Z', 'plan-event:42');
    const ok = ZChronologyQuery.parse({ types: 'plan,session', cursor });
    expect(ok.types).toEqual(['plan', 'session']);
    expect(ok.cursor).toEqual({ at: '2026-10-12T05:15:00.000Z', id: 'plan-event:42' });
    expect(ZChronologyQuery.safeParse({ types: 'plan,outcomes' }).success).toBe(false);
    expect(ZChronologyQuery.safeParse({ cursor: 'bm90IGpzb24' }).success).toBe(false);
    expect(ZChronologyQuery.safeParse({ from: '2026-10-02', to: '2026-10-01' }).success).toBe(false);
    expect(ZChronologyQuery.safeParse({ other: '1' }).success).toBe(false);
  });
});
