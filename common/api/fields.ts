import { z } from 'zod';

/**
 * Shared request field schemas: text without control characters or broken UTF-16, and calendar
 * dates inside a plausible window. Every request schema builds its strings and dates from these,
 * so a NUL byte, a lone surrogate or a year-0000 date is a 400 naming the field, never a database
 * error. (The server's input guard refuses the same characters on every route as a safety net.)
 */

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Every C0 and C1 control, tab and line breaks included: names, codes, single-line fields. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a text is refused (a message code), or null when it is fine. */
export function textProblem(
  value: string,
  multiline = true,
): 'control_characters' | 'invalid_characters' | null {
  if ((multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(value)) return 'control_characters';
  if (LONE_SURROGATE.test(value)) return 'invalid_characters';
  return null;
}

function refuseBadText<T extends z.ZodString>(schema: T, multiline: boolean): T {
  return schema.superRefine((value, ctx) => {
    const problem = textProblem(value, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as T;
}

/** One line of text (names, codes, subjects, search): trimmed, `min`–`max` characters, no controls. */
export function zLine(max: number, min = 0): z.ZodString {
  return refuseBadText(z.string().trim().min(min).max(max), false);
}

/** Free text (notes, reasons, descriptions): trimmed, line breaks and tabs allowed, no other controls. */
export function zText(max: number, min = 0): z.ZodString {
  return refuseBadText(z.string().trim().min(min).max(max), true);
}

/** Text kept exactly as sent (passwords, file header names): no trimming, but no control characters. */
export function zExact(max: number, min = 0): z.ZodString {
  return refuseBadText(z.string().min(min).max(max), false);
}

/** The earliest and latest year any calendar date in Pumpurs may have. */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

/**
 * Where relative date rules ("a birth date is not in the future") get today's date. The server
 * sets it to its clock's Latvian date at start-up; until then relative rules are not checked.
 */
let todayProvider: (() => string) | null = null;

/** Tells the shared schemas how to find today's date (yyyy-mm-dd). */
export function setTodayProvider(provider: (() => string) | null): void {
  todayProvider = provider;
}

/** A yyyy-mm-dd date `years` years from `date` (29 February becomes 28 February). */
export function shiftYears(date: string, years: number): string {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${y}-${md}`;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** A real calendar date yyyy-mm-dd between 1900 and 2100. */
export const ZCalendarDate = z.iso
  .date()
  .refine((d) => yearOf(d) >= DATE_YEARS.min && yearOf(d) <= DATE_YEARS.max, {
    message: 'date_out_of_range',
  });

/**
 * A calendar date within `yearsBack` years before and `yearsAhead` years after today (when the
 * server has told the schemas what today is).
 */
export function zDateNear(yearsBack: number, yearsAhead: number, message = 'date_out_of_range') {
  return ZCalendarDate.refine(
    (d) => {
      const today = todayProvider?.();
      if (!today) return true;
      return d >= shiftYears(today, -yearsBack) && d <= shiftYears(today, yearsAhead);
    },
    { message },
  );
}

/** A birth date: not in the future and not more than 100 years ago. */
export const ZBirthDate = zDateNear(100, 0, 'birth_date_range');

/**
 * The day something happened in a student's school life (a record, a signature, a move, a session,
 * a payment): at most 20 years back and 2 years ahead. The domain rules then narrow it further
 * (not in the future, inside the semester).
 */
export const ZEventDate = zDateNear(20, 2);

/** A semester's first or last day: at most 10 years back and 5 years ahead. */
export const ZSemesterDate = zDateNear(10, 5);

/** A month yyyy-mm between 1900 and 2100. */
export const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid_month')
  .refine((m) => yearOf(m) >= DATE_YEARS.min && yearOf(m) <= DATE_YEARS.max, {
    message: 'date_out_of_range',
  });
