/**
 * The one clock. Domain code never reads the wall clock directly: it asks `now()` or `today()`
 * here, so tests (and a CI run "a year and a half ahead") can move time for the whole process.
 *
 * `PUMPURS_NOW` (an ISO timestamp or yyyy-mm-dd) starts the clock at that moment; it then runs
 * on at real speed. Tests call `setClock` / `resetClock`.
 */

function offsetFromEnv(): number {
  const raw = process.env.PUMPURS_NOW;
  if (!raw) return 0;
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T10:00:00Z` : raw);
  if (Number.isNaN(at.getTime())) throw new Error('PUMPURS_NOW must be an ISO date or timestamp');
  return at.getTime() - Date.now();
}

let offsetMs = offsetFromEnv();
let frozenAt: number | null = null;

/** The current moment as the system sees it. */
export function now(): Date {
  return new Date(nowMs());
}

/** The current moment in milliseconds since the epoch. */
export function nowMs(): number {
  return frozenAt ?? Date.now() + offsetMs;
}

/** The calendar date in Latvia (Europe/Riga) at `at` (default: now), as yyyy-mm-dd. */
export function today(at: Date = now()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Riga',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * Moves the clock (tests): `at` sets the current moment; `frozen` stops it there, otherwise it
 * runs on from `at` at real speed.
 */
export function setClock(at: Date | string, opts: { frozen?: boolean } = {}): void {
  const target = new Date(typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T10:00:00Z` : at);
  if (Number.isNaN(target.getTime())) throw new Error(`setClock: not a date: ${String(at)}`);
  if (opts.frozen) frozenAt = target.getTime();
  else {
    frozenAt = null;
    offsetMs = target.getTime() - Date.now();
  }
}

/** Moves a frozen or running clock forward (or back, when negative) by `ms`. */
export function advanceClock(ms: number): void {
  if (frozenAt !== null) frozenAt += ms;
  else offsetMs += ms;
}

/** Back to the start-up clock (real time, or `PUMPURS_NOW`). */
export function resetClock(): void {
  frozenAt = null;
  offsetMs = offsetFromEnv();
}
