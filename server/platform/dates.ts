import { now, today } from './clock.ts';

/** The calendar date in Latvia (yyyy-mm-dd) from the one clock: school days, signatures and deadlines are Latvian dates. */
export function todayInLatvia(at: Date = now()): string {
  return today(at);
}

/** A calendar date `days` later (or earlier, when negative), as yyyy-mm-dd. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** dd.mm.yyyy (Latvian) or yyyy-mm-dd (optionally with a time after it) as yyyy-mm-dd; null when not a real date. */
export function parseCalendarDate(text: string): string | null {
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/.exec(text);
  let y: number;
  let mo: number;
  let d: number;
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
    if (!m) return null;
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Minutes as hours with two decimals (timesheets, budgets). */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
