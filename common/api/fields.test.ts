import { afterEach, describe, expect, it } from 'vitest';
import {
  setTodayProvider,
  shiftYears,
  textProblem,
  ZBirthDate,
  ZCalendarDate,
  ZEventDate,
  ZMonth,
  ZSemesterDate,
  zExact,
  zLine,
  zText,
} from './fields.ts';

afterEach(() => setTodayProvider(null));

const issue = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('text fields', () => {
  it('refuses NUL, escape, DEL and C1 controls in a line, and accepts Latvian letters', () => {
    for (const bad of ['a\u0000b', '\u001b[31m', 'x\u007f', 'x\u0085', 'a\tb', 'a\nb'])
      expect(issue(zLine(100).safeParse(bad)), JSON.stringify(bad)).toBe('control_characters');
    expect(zLine(100).parse('  Ģirts Ķēniņš  ')).toBe('Ģirts Ķēniņš');
  });

  it('keeps line breaks and tabs in free text but refuses other controls', () => {
    expect(zText(100).parse('pirmā rinda\r\n\totrā')).toBe('pirmā rinda\r\n\totrā');
    expect(issue(zText(100).safeParse('a\u0000b'))).toBe('control_characters');
    expect(issue(zText(100).safeParse('a\u000bb'))).toBe('control_characters');
  });

  it('refuses lone surrogates but accepts a surrogate pair (emoji)', () => {
    expect(issue(zText(100).safeParse('a\ud800'))).toBe('invalid_characters');
    expect(issue(zText(100).safeParse('\udc00a'))).toBe('invalid_characters');
    expect(textProblem('🙂 labi')).toBeNull();
  });

  it('keeps a secret exactly as typed, spaces included, without controls', () => {
    expect(zExact(50, 1).parse(' parole ar atstarpēm ')).toBe(' parole ar atstarpēm ');
    expect(issue(zExact(50, 1).safeParse('parole\u0000'))).toBe('control_characters');
  });

  it('refuses a string over the maximum with too_big', () => {
    expect(zLine(10).safeParse('a'.repeat(11)).error?.issues[0]?.code).toBe('too_big');
  });
});

describe('dates', () => {
  it('accepts real dates from 1900 to 2100 and refuses year 0000, 9999 and impossible days', () => {
    expect(ZCalendarDate.parse('1900-01-01')).toBe('1900-01-01');
    expect(ZCalendarDate.parse('2100-12-31')).toBe('2100-12-31');
    expect(issue(ZCalendarDate.safeParse('0000-01-01'))).toBe('date_out_of_range');
    expect(issue(ZCalendarDate.safeParse('9999-12-31'))).toBe('date_out_of_range');
    expect(ZCalendarDate.safeParse('2026-02-30').success).toBe(false);
    expect(ZCalendarDate.safeParse('2026-1-1').success).toBe(false);
  });

  it('refuses a birth date in the future or more than 100 years ago, relative to the provided today', () => {
    setTodayProvider(() => '2026-12-01');
    expect(ZBirthDate.parse('2012-05-05')).toBe('2012-05-05');
    expect(issue(ZBirthDate.safeParse('2026-12-02'))).toBe('birth_date_range');
    expect(issue(ZBirthDate.safeParse('1926-11-30'))).toBe('birth_date_range');
    setTodayProvider(() => '2030-01-01');
    expect(ZBirthDate.parse('2026-12-02')).toBe('2026-12-02');
  });

  it('keeps semester dates within ten years back and five ahead', () => {
    setTodayProvider(() => '2026-12-01');
    expect(ZSemesterDate.parse('2027-01-05')).toBe('2027-01-05');
    expect(issue(ZSemesterDate.safeParse('2032-01-05'))).toBe('date_out_of_range');
    expect(issue(ZSemesterDate.safeParse('2016-11-30'))).toBe('date_out_of_range');
  });

  it('keeps the date of an event within twenty years back and two ahead', () => {
    setTodayProvider(() => '2026-12-01');
    expect(ZEventDate.parse('2010-09-01')).toBe('2010-09-01');
    expect(issue(ZEventDate.safeParse('1996-09-01'))).toBe('date_out_of_range');
    expect(issue(ZEventDate.safeParse('2029-09-01'))).toBe('date_out_of_range');
  });

  it('bounds months to 1900-2100', () => {
    expect(ZMonth.parse('2026-09')).toBe('2026-09');
    expect(issue(ZMonth.safeParse('0000-01'))).toBe('date_out_of_range');
    expect(issue(ZMonth.safeParse('2026-13'))).toBe('invalid_month');
  });

  it('shifts years keeping 29 February valid', () => {
    expect(shiftYears('2024-02-29', -100)).toBe('1924-02-28');
    expect(shiftYears('2026-12-01', 5)).toBe('2031-12-01');
  });
});
