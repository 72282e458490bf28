import { nowMs, today } from '../server/platform/clock.ts';
import { moveClockIntoSemester, readTestCalendar, type TestCalendar } from '../test/calendar.ts';
import type { E2E } from './harness.ts';

export { resetClock } from '../test/calendar.ts';
export type { TestCalendar };

/**
 * Makes sure the demo's current semester has run at least `DAY_IN_SEMESTER` days, so a browser
 * test can enter its dates at fixed places in it whatever today is. Late enough in the semester
 * (or in a holiday) nothing moves; earlier, the server (this process) and the browser both move
 * forward to that day, so the browser's "today" (date pickers' defaults and limits) stays the
 * server's. Call it right after `startE2E`, before signing in; `resetClock` after the file.
 */
export async function standInSemester(e2e: E2E): Promise<TestCalendar> {
  const cal = await readTestCalendar(e2e.database);
  if (today() >= cal.today) return { ...cal, today: today() };
  const moved = await moveClockIntoSemester(e2e.database);
  await e2e.context.clock.install({ time: nowMs() });
  return moved;
}
