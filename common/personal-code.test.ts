import { describe, expect, it } from 'vitest';
import {
  formatPersonalCode,
  makeNewPersonalCode,
  makeOldPersonalCode,
  maskPersonalCode,
  parsePersonalCode,
  personalCodeCheckDigit,
} from './personal-code';

/**
 * Independent reference for the check digit: the python-stdnum form quoted in domain-notes §6,
 * weights (10,5,8,4,2,1,6,3,7,9) and (1 + Σ) % 11 % 10 — not the formula the module uses.
 */
function stdnumCheckDigit(first10: string): number {
  const w = [10, 5, 8, 4, 2, 1, 6, 3, 7, 9];
  let sum = 1;
  for (let i = 0; i < 10; i++) sum += w[i] * Number(first10[i]);
  return (sum % 11) % 10;
}

/** Independent leap-year test through the JS calendar: does 29 February exist in `year`? */
function hasLeapDay(year: number): boolean {
  const d = new Date(Date.UTC(2000, 1, 29));
  d.setUTCFullYear(year, 1, 29);
  return d.getUTCMonth() === 1;
}

function expectValid(input: string, normalized: string, format: 'old' | 'new', birthDate: string | null) {
  expect(parsePersonalCode(input)).toEqual({ ok: true, normalized, format, birthDate, warnings: [] });
}

describe('parsePersonalCode: valid old-format codes', () => {
  it('accepts the worked examples from domain-notes §6', () => {
    // 161175-19997: 1·1+6·6+3·1+7·1+9·7+10·5+5·1+8·9+4·9+2·9 = 291; (1101-291) mod 11 = 810 mod 11 = 7 ✓
    expectValid('161175-19997', '16117519997', 'old', '1975-11-16');
    // 290156-11605: 2+54+0+7+45+60+5+8+24+0 = 205; 896 mod 11 = 5 ✓
    expectValid('290156-11605', '29015611605', 'old', '1956-01-29');
  });

  it('accepts the code without the hyphen', () => {
    expectValid('16117519997', '16117519997', 'old', '1975-11-16');
  });

  it('ignores surrounding spaces, tabs and newlines', () => {
    expectValid('  161175-19997  ', '16117519997', 'old', '1975-11-16');
    expectValid('\t16117519997\n', '16117519997', 'old', '1975-11-16');
  });

  it('accepts 29 February 2000 (divisible by 400, century digit 2)', () => {
    // 290200-21239: 2+54+0+14+0+0+10+8+8+6 = 102; 999 mod 11 = 9 ✓
    expectValid('290200-21239', '29020021239', 'old', '2000-02-29');
  });

  it('accepts 29 February 2016 (ordinary leap year)', () => {
    // 290216-24568: 2+54+0+14+9+60+10+32+20+12 = 213; 888 mod 11 = 8 ✓
    expectValid('290216-24568', '29021624568', 'old', '2016-02-29');
  });

  it('reads century digit 1 as the 1900s', () => {
    // 010190-12349: 0+6+0+7+81+0+5+16+12+8 = 135; 966 mod 11 = 9 ✓
    expectValid('010190-12349', '01019012349', 'old', '1990-01-01');
  });

  it('reads century digit 0 as the 1800s', () => {
    // 311299-00010: 3+6+3+14+81+90+0+0+0+2 = 199; 902 mod 11 = 0 ✓
    expectValid('311299-00010', '31129900010', 'old', '1899-12-31');
  });

  it('takes check digit 0 when the remainder is 10 (§6: mod 11 mod 10)', () => {
    // 010101-10090: 0+6+0+7+0+10+5+0+0+18 = 46; 1055 mod 11 = 10 → 10 mod 10 = 0 ✓
    expectValid('010101-10090', '01010110090', 'old', '1901-01-01');
    expect(stdnumCheckDigit('0101011009')).toBe(0);
  });
});

describe('parsePersonalCode: new-format 32… codes', () => {
  it('accepts the §6 examples with no birth date and no warning', () => {
    // 328673-00679: 3+12+24+42+63+30+0+0+24+14 = 212; 889 mod 11 = 9 ✓
    expectValid('328673-00679', '32867300679', 'new', null);
    // 323691-93794: 3+12+9+42+81+10+45+24+28+18 = 272; 829 mod 11 = 4 ✓
    expectValid(' 32369193794 ', '32369193794', 'new', null);
  });

  it('accepts a 32… code whose remainder is 10 with check digit 0', () => {
    // 320000-00500: 3+12+0+0+0+0+0+0+20+0 = 35; 1066 mod 11 = 10 → 0 ✓
    expectValid('320000-00500', '32000000500', 'new', null);
  });

  it('accepts a 32… code with a wrong check digit but warns about the checksum', () => {
    // 328673-00677: the check digit should be 9 (see above)
    expect(parsePersonalCode('328673-00677')).toEqual({
      ok: true,
      normalized: '32867300677',
      format: 'new',
      birthDate: null,
      warnings: ['checksum'],
    });
  });

  it('treats every code starting with 32 as new-format, even one that reads like 32.12.99', () => {
    // 321299-12345: 3+12+3+14+81+90+5+16+12+8 = 244; 857 mod 11 = 10 → 0, so 5 is a mismatch
    expect(parsePersonalCode('321299-12345')).toMatchObject({
      ok: true,
      format: 'new',
      warnings: ['checksum'],
    });
    expectValid('321299-12340', '32129912340', 'new', null);
  });
});

describe('parsePersonalCode: rejected input', () => {
  const cases: [string, string, string][] = [
    ['empty string', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['old code, check digit off by one', '161175-19998', 'checksum'],
    ['old code, check digit 0 instead of 7', '16117519990', 'checksum'],
    ['old code, year digits swapped (161157: sum 293, 808 mod 11 = 5)', '161157-19997', 'checksum'],
    // remainder is 10 → only 0 is accepted
    ['old code, remainder 10 with check digit 1', '010101-10091', 'checksum'],
    // each date case below carries the right check digit, so only the date is wrong
    ['31 April (310499-10008: 213 → 888 mod 11 = 8)', '310499-10008', 'date'],
    ['29 February 2001 (290201-20018: 92 → 1009 mod 11 = 8)', '290201-20018', 'date'],
    ['29 February 1900 (290200-10003: 75 → 1026 mod 11 = 3)', '290200-10003', 'date'],
    ['day 00 (000100-20014: 19 → 1082 mod 11 = 4)', '000100-20014', 'date'],
    ['month 13 (011399-10004: 206 → 895 mod 11 = 4)', '011399-10004', 'date'],
    ['month 00', '010099-10000', 'date'],
    ['day 33', '331299-10000', 'date'],
    ['all zeros', '00000000000', 'date'],
    ['century digit 3', '010101-30000', 'date'],
    ['century digit 9', '010101-90000', 'date'],
    ['10 digits', '1611751999', 'length'],
    ['12 digits', '161175199970', 'length'],
    ['10 digits with hyphen', '161175-1999', 'length'],
    ['12 digits with hyphen', '161175-199970', 'length'],
    ['just a hyphen', '-', 'length'],
    ['a letter', '16117S-19997', 'format'],
    ['country prefix', 'LV16117519997', 'format'],
    ['a space inside', '161175 19997', 'format'],
    ['two hyphens', '161175--19997', 'format'],
    ['hyphens in two places', '16-1175-19997', 'format'],
    ['hyphen after the fifth digit', '16117-519997', 'format'],
    ['trailing hyphen', '16117519997-', 'format'],
    ['slash separator', '161175/19997', 'format'],
    ['dot separator', '161175.19997', 'format'],
    ['en dash separator', '161175\u201319997', 'format'],
    ['full-width digits', '\uff11\uff16\uff11\uff11\uff17\uff15-\uff11\uff19\uff19\uff19\uff17', 'format'],
    ['a plus sign', '+16117519997', 'format'],
  ];

  it.each(cases)('rejects %s', (_name, input, error) => {
    expect(parsePersonalCode(input)).toEqual({ ok: false, error });
  });

  it('checks that the date cases above would pass the checksum, so the date is what fails', () => {
    for (const code of ['31049910008', '29020120018', '29020010003', '00010020014', '01139910004']) {
      expect(stdnumCheckDigit(code.slice(0, 10))).toBe(Number(code[10]));
    }
  });

  it('reports a wrong check digit on every old code as an error (all ten digits tried)', () => {
    const base = '1611751999';
    for (let k = 0; k <= 9; k++) {
      const result = parsePersonalCode(base + k);
      if (k === 7) expect(result.ok).toBe(true);
      else expect(result).toEqual({ ok: false, error: 'checksum' });
    }
  });

  it('accepts 29 February exactly in leap years, for every year 1800-2099', () => {
    for (let year = 1800; year <= 2099; year++) {
      const first10 = `2902${String(year % 100).padStart(2, '0')}${Math.floor((year - 1800) / 100)}000`;
      const code = first10 + stdnumCheckDigit(first10);
      const result = parsePersonalCode(code);
      if (hasLeapDay(year)) expect(result).toMatchObject({ ok: true, birthDate: `${year}-02-29` });
      else expect(result).toEqual({ ok: false, error: 'date' });
    }
  });
});

describe('personalCodeCheckDigit', () => {
  it('matches the hand-computed digits', () => {
    expect(personalCodeCheckDigit('1611751999')).toBe(7);
    expect(personalCodeCheckDigit('2901561160')).toBe(5);
    expect(personalCodeCheckDigit('3286730067')).toBe(9);
    expect(personalCodeCheckDigit('0101011009')).toBe(0); // remainder 10
  });

  it('agrees with the independent stdnum formula on many inputs', () => {
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const first10 = String(x % 10_000_000_000).padStart(10, '0');
      expect(personalCodeCheckDigit(first10)).toBe(stdnumCheckDigit(first10));
    }
  });

  it('returns null unless given exactly 10 digits', () => {
    expect(personalCodeCheckDigit('161175199')).toBeNull();
    expect(personalCodeCheckDigit('16117519997')).toBeNull();
    expect(personalCodeCheckDigit('161175-199')).toBeNull();
    expect(personalCodeCheckDigit('')).toBeNull();
  });
});

describe('formatting and masking', () => {
  it('normalizes to 11 digits and formats back with the hyphen', () => {
    const result = parsePersonalCode(' 161175-19997 ');
    expect(result.ok && result.normalized).toBe('16117519997');
    expect(formatPersonalCode('16117519997')).toBe('161175-19997');
    expect(formatPersonalCode('32867300679')).toBe('328673-00679');
    expect(formatPersonalCode('161175-19997')).toBe('161175-19997');
  });

  it('formatting then parsing gives back the same normalized code', () => {
    for (const code of ['16117519997', '29020021239', '32867300679']) {
      expect(parsePersonalCode(formatPersonalCode(code))).toMatchObject({ ok: true, normalized: code });
    }
  });

  it('leaves input that is not 11 digits as it is when formatting', () => {
    expect(formatPersonalCode(' abc ')).toBe('abc');
    expect(formatPersonalCode('1611751999')).toBe('1611751999');
  });

  it('masking shows only the first six digits (the date part) and hides the rest', () => {
    expect(maskPersonalCode('12030520003')).toBe('120305-*****');
    expect(maskPersonalCode('16117519997')).toBe('161175-*****');
    expect(maskPersonalCode('161175-19997')).toBe('161175-*****');
    expect(maskPersonalCode('32867300679')).toBe('328673-*****');
    expect(maskPersonalCode('16117519997')).not.toContain('19997');
  });

  it('masking hides malformed input completely', () => {
    expect(maskPersonalCode('1611751999')).toBe('******-*****');
    expect(maskPersonalCode('secret')).toBe('******-*****');
    expect(maskPersonalCode('')).toBe('******-*****');
  });
});

describe('makeOldPersonalCode', () => {
  it('builds the hand-computed codes', () => {
    expect(makeOldPersonalCode('2000-02-29', 123)).toBe('29020021239');
    expect(makeOldPersonalCode('2016-02-29', 456)).toBe('29021624568');
    expect(makeOldPersonalCode('1975-11-16', 999)).toBe('16117519997');
    expect(makeOldPersonalCode(new Date(Date.UTC(1899, 11, 31)), 1)).toBe('31129900010');
  });

  it('skips a serial whose remainder would be 10 and uses the next one', () => {
    // serial 009 gives remainder 10 (see above); serial 010: 28+0+4+0 = 32, 1069 mod 11 = 2
    expect(makeOldPersonalCode('1901-01-01', 9)).toBe('01010110102');
  });

  it('produces valid codes with the right date for many dates, serials and all three centuries', () => {
    let count = 0;
    for (let t = Date.UTC(1800, 0, 1); t < Date.UTC(2100, 0, 1); t += 37 * 86_400_000) {
      const date = new Date(t);
      const iso = date.toISOString().slice(0, 10);
      const serial = (count * 7) % 1000;
      const code = makeOldPersonalCode(count % 2 ? iso : date, serial);
      const [y, m, d] = iso.split('-');
      const century = String(Number(y.slice(0, 2)) - 18);
      // date part and century digit read back independently
      expect(code.slice(0, 7)).toBe(`${d}${m}${y.slice(2)}${century}`);
      expect(Number(code[10])).toBe(stdnumCheckDigit(code.slice(0, 10)));
      expect(parsePersonalCode(code)).toEqual({
        ok: true,
        normalized: code,
        format: 'old',
        birthDate: iso,
        warnings: [],
      });
      count++;
    }
    expect(count).toBeGreaterThan(2900);
  });

  it('produces a valid code for every serial 0-999 on one date', () => {
    const codes = new Set<string>();
    for (let serial = 0; serial <= 999; serial++) {
      const code = makeOldPersonalCode('2010-06-15', serial);
      expect(parsePersonalCode(code).ok).toBe(true);
      codes.add(code);
    }
    // roughly one serial in eleven is skipped onto its neighbour
    expect(codes.size).toBeGreaterThan(850);
  });

  it('rejects impossible dates, years outside 1800-2099 and bad serials', () => {
    expect(() => makeOldPersonalCode('2001-02-29', 1)).toThrow(RangeError);
    expect(() => makeOldPersonalCode('29.02.2000', 1)).toThrow(RangeError);
    expect(() => makeOldPersonalCode('1799-12-31', 1)).toThrow(RangeError);
    expect(() => makeOldPersonalCode('2100-01-01', 1)).toThrow(RangeError);
    expect(() => makeOldPersonalCode(new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => makeOldPersonalCode('2000-01-01', 1000)).toThrow(RangeError);
    expect(() => makeOldPersonalCode('2000-01-01', -1)).toThrow(RangeError);
    expect(() => makeOldPersonalCode('2000-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('makeNewPersonalCode', () => {
  it('builds the hand-computed codes', () => {
    // 32000000059: 3+12+0+…+0+2·5 = 25; 1076 mod 11 = 9
    expect(makeNewPersonalCode(5)).toBe('32000000059');
    // seq 50 → 3200000050 has remainder 10 (see above), so 51: 15+20+2 = 37; 1064 mod 11 = 8
    expect(makeNewPersonalCode(50)).toBe('32000000518');
  });

  it('produces valid new-format codes without warnings for many sequence numbers', () => {
    for (let i = 0; i < 3000; i++) {
      const seq = (i * 33_331) % 100_000_000;
      const code = makeNewPersonalCode(seq);
      expect(code).toMatch(/^32[0-9]{9}$/);
      expect(Number(code[10])).toBe(stdnumCheckDigit(code.slice(0, 10)));
      expect(parsePersonalCode(code)).toEqual({
        ok: true,
        normalized: code,
        format: 'new',
        birthDate: null,
        warnings: [],
      });
    }
    expect(makeNewPersonalCode(99_999_999)).toMatch(/^32[0-9]{9}$/);
  });

  it('rejects sequence numbers outside 0-99999999', () => {
    expect(() => makeNewPersonalCode(-1)).toThrow(RangeError);
    expect(() => makeNewPersonalCode(100_000_000)).toThrow(RangeError);
    expect(() => makeNewPersonalCode(2.5)).toThrow(RangeError);
  });
});
