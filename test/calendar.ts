import type { TSemester } from '../common/api/risks.ts';
import { findSemesters } from '../server/domains/calendar/index.ts';
import { resetClock, setClock } from '../server/platform/clock.ts';
import { addDays } from '../server/platform/dates.ts';
import type { Database } from '../server/platform/db.ts';

/** The demo's semesters as a test file sees them, and dates inside them. */
export interface TestCalendar {
  /** The demo's current semester (the one the test clock stands in). */
  current: TSemester;
  /** The semester before it (finished; the demo's evaluated plans are there). */
  previous: TSemester;
  /** The test clock's date: `DAY_IN_SEMESTER` days after the current semester began. */
  today: string;
  /** The Monday of the `week`-th full week of the current semester (0 = the first), plus `plusDays`. */
  weekday(week: number, plusDays?: number): string;
  /** A date as the e-journal exports write it: dd.mm.yyyy. */
  lv(date: string): string;
}

/** How far into the demo's current semester integration tests stand: late enough for weeks of data. */
export const DAY_IN_SEMESTER = 84;

/**
 * Moves this test process's clock to day `DAY_IN_SEMESTER` of the demo's current semester, so a
 * test file writes its data at fixed places in a semester whatever the real date (or `PUMPURS_NOW`).
 * Call it before signing in (sessions are dated by the clock) and `resetClock` after the file.
 */
export async function moveClockIntoSemester(database: Database): Promise<TestCalendar> {
  const cal = await readTestCalendar(database);
  setClock(`${cal.today}T09:00:00Z`);
  return cal;
}

/**
 * The demo's current and previous semester and the day `DAY_IN_SEMESTER` of the current one
 * (`today`), without moving the clock.
 */
export async function readTestCalendar(database: Database): Promise<TestCalendar> {
  const list = await database.read((db) => findSemesters(db)); // newest first
  const i = list.findIndex((s) => s.current);
  const [current, previous] = [list[i], list[i + 1]];
  if (!current || !previous) throw new Error('test calendar: no current and previous semester');
  const today = addDays(current.startsOn, DAY_IN_SEMESTER);
  // The first Monday after the semester's first day.
  let monday = addDays(current.startsOn, 1);
  while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) monday = addDays(monday, 1);
  return {
    current,
    previous,
    today,
    weekday: (week, plusDays = 0) => addDays(monday, week * 7 + plusDays),
    lv: (date) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`,
  };
}

export { resetClock };
