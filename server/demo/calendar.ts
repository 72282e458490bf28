import { ensureSchoolYears, findSemesters } from '../domains/calendar/index.ts';
import { today as clockToday } from '../platform/clock.ts';
import { addDays } from '../platform/dates.ts';
import type { Db } from '../platform/db.ts';

type Semester = Awaited<ReturnType<typeof findSemesters>>[number];

/** When the demo is set: the semesters around today, read from the school-year calendar. */
export interface DemoCalendar {
  today: string;
  /** The semester containing today (in a holiday: the latest begun). */
  current: Semester;
  /** The semester before it: fully recorded, its plans evaluated or closed. */
  previous: Semester;
  /** The one before that (the baseline of the previous semester's mark averages). */
  beforePrevious: Semester | null;
  /** Weekdays of the current semester with e-journal data. */
  currentDays: string[];
  /** Weekdays of the previous semester (all of them). */
  previousDays: string[];
  /**
   * The final semester of the last completed school year (issue 15's labelled history: its
   * indicators and every student's year-end outcome). September–December: the previous semester;
   * January–August: the one before it.
   */
  labelled: Semester;
  /** Weekdays of the labelled semester (all of them). */
  labelledDays: string[];
}

/** Weekdays from `from` to `to`, inclusive. */
export function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6) out.push(d);
  }
  return out;
}

/**
 * Makes sure the calendar holds the years around today and picks the demo's semesters. The
 * current semester's e-journal runs from its start up to yesterday; on its first school day,
 * before any lesson has been recorded, the demo records that day itself, so the watch list
 * always has data in the current semester.
 */
export async function demoCalendar(tx: Db, on: string = clockToday()): Promise<DemoCalendar> {
  await ensureSchoolYears(tx, on);
  const semesters = await findSemesters(tx); // newest first
  const i = semesters.findIndex((s) => s.startsOn <= on);
  const current = semesters[i];
  const previous = semesters[i + 1];
  if (!current || !previous) throw new Error('demo: the calendar has no current and previous semester');
  const yesterday = addDays(on, -1);
  let currentDays = weekdays(current.startsOn, [yesterday, current.endsOn].sort()[0]);
  if (currentDays.length === 0) currentDays = [on];
  const labelled = lastCompletedYearsFinalSemester(semesters, current);
  return {
    today: on,
    current,
    previous,
    beforePrevious: semesters[i + 2] ?? null,
    currentDays,
    previousDays: weekdays(previous.startsOn, previous.endsOn),
    labelled,
    labelledDays: weekdays(labelled.startsOn, labelled.endsOn),
  };
}

/**
 * The last semester (newest first in `semesters`) of the school year before the current one; the
 * calendar always holds the previous school year (`ensureSchoolYears`).
 */
export function lastCompletedYearsFinalSemester(semesters: Semester[], current: Semester): Semester {
  const found = semesters.find((s) => s.schoolYear < current.schoolYear && s.startsOn < current.startsOn);
  if (!found) throw new Error('demo: the calendar has no completed school year before the current one');
  return found;
}
