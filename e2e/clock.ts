import { nowMs } from '../server/platform/clock.ts';
import { moveClockIntoSemester, type TestCalendar } from '../test/calendar.ts';
import type { E2E } from './harness.ts';

export { resetClock } from '../test/calendar.ts';
export type { TestCalendar };

/**
 * Stands the server (this process) and the browser at a fixed day of the demo's current semester,
 * so a browser test enters its dates at fixed places in a semester, whatever today is. Call it
 * right after `startE2E`, before signing in; `resetClock` after the file.
 */
export async function standInSemester(e2e: E2E): Promise<TestCalendar> {
  const cal = await moveClockIntoSemester(e2e.database);
  // The browser's "today" (date pickers' defaults and limits) follows the server's; time flows on.
  await e2e.context.clock.install({ time: nowMs() });
  return cal;
}
