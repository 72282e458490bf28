/**
 * Latvian personal codes (personas kods), see domain-notes §6.
 *
 * Two formats, both 11 digits, written `XXXXXX-XXXXX` (the hyphen is optional on input and never stored):
 * - old: `DDMMYY-CNNNK`, birth date DDMMYY, century digit C (0 = 1800s, 1 = 1900s, 2 = 2000s), serial NNN;
 * - new (issued since 01.07.2017): `32XXXX-XXXXK`, no birth date inside.
 *
 * Check digit (§6): weights 1,6,3,7,9,10,5,8,4,2 on digits 1-10, K = (1101 - Σ) mod 11 mod 10.
 * A mismatch is an error for old codes and only a warning for `32…` codes, since nobody has confirmed
 * that the new codes follow the formula.
 *
 * Plain functions only, no dependencies; a zod refinement can be built on `parsePersonalCode`.
 */

/** Why a personal code was rejected. */
export type PersonalCodeError = 'empty' | 'format' | 'length' | 'date' | 'checksum';

/** Result of `parsePersonalCode`: the normalized code, or the first problem found. */
export type PersonalCodeResult =
  | {
      ok: true;
      /** 11 digits, no hyphen: the form to store. */
      normalized: string;
      format: 'old' | 'new';
      /** yyyy-mm-dd for old codes, null for new ones. */
      birthDate: string | null;
      /** Problems that do not reject the code: 'checksum' when a `32…` code fails the check digit. */
      warnings: 'checksum'[];
    }
  | { ok: false; error: PersonalCodeError };

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const NEW_PREFIX = '32';

/** (1101 - Σ dᵢ·wᵢ) mod 11, in 0..10, for exactly 10 ASCII digits; null otherwise. */
function checkRemainder(first10: string): number | null {
  if (!/^[0-9]{10}$/.test(first10)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += WEIGHTS[i] * (first10.charCodeAt(i) - 48);
  // sum ≤ 9 · 55 = 495 < 1101, so the difference is always positive.
  return (1101 - sum) % 11;
}

/**
 * The check digit for the first 10 digits of a code, as in domain-notes §6:
 * `(1101 - Σ dᵢ·wᵢ) mod 11 mod 10`, so a remainder of 10 gives check digit 0 (python-stdnum does the same).
 * Returns null when `first10` is not exactly 10 digits (0-9).
 */
export function personalCodeCheckDigit(first10: string): number | null {
  const r = checkRemainder(first10);
  return r === null ? null : r % 10;
}

/** Leap year in the Gregorian calendar. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Birth date yyyy-mm-dd of an old-format code (11 digits), or null if the date or century is impossible. */
function oldCodeBirthDate(code: string): string | null {
  const day = Number(code.slice(0, 2));
  const month = Number(code.slice(2, 4));
  const yy = Number(code.slice(4, 6));
  const century = Number(code[6]);
  if (century > 2) return null;
  const year = 1800 + 100 * century + yy;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Validates and normalizes a personal code typed by a user.
 *
 * Rules, checked in this order:
 * 1. surrounding whitespace is ignored; nothing left → 'empty';
 * 2. anything other than ASCII digits and hyphens, or more than one hyphen → 'format';
 * 3. not exactly 11 digits → 'length';
 * 4. a hyphen anywhere except between digits 6 and 7 → 'format';
 * 5. codes starting with `32` are new-format: a failed check digit is only a warning;
 * 6. any other code is old-format: the century digit must be 0-2 and DDMMYY a real date in that
 *    century (29.02 only in leap years), else 'date'; a failed check digit → 'checksum'.
 *
 * The birth date is not compared with today, so this stays a pure function.
 */
export function parsePersonalCode(input: string): PersonalCodeResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: 'empty' };
  if (!/^[0-9-]+$/.test(trimmed)) return { ok: false, error: 'format' };
  const hyphens = trimmed.split('-').length - 1;
  if (hyphens > 1) return { ok: false, error: 'format' };
  const normalized = trimmed.replace('-', '');
  if (normalized.length !== 11) return { ok: false, error: 'length' };
  if (hyphens === 1 && trimmed.indexOf('-') !== 6) return { ok: false, error: 'format' };

  const expected = personalCodeCheckDigit(normalized.slice(0, 10));
  const checksumOk = expected === Number(normalized[10]);

  if (normalized.startsWith(NEW_PREFIX)) {
    return { ok: true, normalized, format: 'new', birthDate: null, warnings: checksumOk ? [] : ['checksum'] };
  }
  const birthDate = oldCodeBirthDate(normalized);
  if (birthDate === null) return { ok: false, error: 'date' };
  if (!checksumOk) return { ok: false, error: 'checksum' };
  return { ok: true, normalized, format: 'old', birthDate, warnings: [] };
}

/** 11 digits from a stored code, also accepting surrounding spaces and the hyphen; null if it is not one. */
function digitsOf(code: string): string | null {
  const compact = code.trim().replace(/^([0-9]{6})-([0-9]{5})$/, '$1$2');
  return /^[0-9]{11}$/.test(compact) ? compact : null;
}

/**
 * Display form `DDMMYY-CNNNK` (`32XXXX-XXXXK` for new codes). Does not validate the check digit or date;
 * input that is not 11 digits comes back trimmed but otherwise unchanged.
 */
export function formatPersonalCode(normalized: string): string {
  const digits = digitsOf(normalized);
  return digits === null ? normalized.trim() : `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/**
 * For lists: the first six digits (the birth date of old codes) and the rest hidden, e.g. `120305-*****`.
 * Input that is not 11 digits is hidden completely (`******-*****`), so nothing ever leaks.
 */
export function maskPersonalCode(normalized: string): string {
  const digits = digitsOf(normalized);
  return digits === null ? '******-*****' : `${digits.slice(0, 6)}-*****`;
}

/** Year, month, day of a Date (UTC fields) or a strict 'yyyy-mm-dd' string; throws RangeError otherwise. */
function dateParts(birthDate: Date | string): { year: number; month: number; day: number } {
  if (birthDate instanceof Date) {
    if (Number.isNaN(birthDate.getTime())) throw new RangeError('Invalid birth date');
    return {
      year: birthDate.getUTCFullYear(),
      month: birthDate.getUTCMonth() + 1,
      day: birthDate.getUTCDate(),
    };
  }
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(birthDate);
  if (!m) throw new RangeError(`Birth date must be yyyy-mm-dd: ${birthDate}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar date: ${birthDate}`);
  }
  return { year, month, day };
}

/**
 * For demo data and tests: a valid old-format code (11 digits, no hyphen) for a birth date and a
 * 3-digit serial (0-999). A `Date` is read in UTC; a string must be `yyyy-mm-dd`. Years 1800-2099.
 * Skips serials whose check remainder would be 10 by trying serial+1… (wrapping after 999), so the result
 * is valid whether or not a remainder of 10 is accepted as check digit 0.
 */
export function makeOldPersonalCode(birthDate: Date | string, serial: number): string {
  const { year, month, day } = dateParts(birthDate);
  if (year < 1800 || year > 2099) throw new RangeError(`Year outside 1800-2099: ${year}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 999) {
    throw new RangeError(`Serial must be an integer 0-999: ${serial}`);
  }
  const century = Math.floor((year - 1800) / 100);
  const prefix = `${pad(day, 2)}${pad(month, 2)}${pad(year % 100, 2)}${century}`;
  for (let i = 0; i < 1000; i++) {
    const first10 = prefix + pad((serial + i) % 1000, 3);
    const r = checkRemainder(first10);
    if (r !== null && r !== 10) return first10 + r;
  }
  // Unreachable: serials n and n+1 differ by 4 in the weighted sum, so their remainders differ.
  throw new Error('No serial gives a usable check digit');
}

/**
 * A valid new-format code (11 digits, no hyphen): `32`, the sequence number as 8 digits, then the check
 * digit — the 9 digits after `32` include the check digit, so `seq` is 0-99 999 999. Skips numbers whose
 * check remainder would be 10 by trying seq+1… (wrapping after 99 999 999).
 */
export function makeNewPersonalCode(seq: number): string {
  if (!Number.isInteger(seq) || seq < 0 || seq > 99_999_999) {
    throw new RangeError(`Sequence must be an integer 0-99999999: ${seq}`);
  }
  for (let i = 0; i < 100; i++) {
    const first10 = NEW_PREFIX + pad((seq + i) % 100_000_000, 8);
    const r = checkRemainder(first10);
    if (r !== null && r !== 10) return first10 + r;
  }
  throw new Error('No sequence number gives a usable check digit');
}
