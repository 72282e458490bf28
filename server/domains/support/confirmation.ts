import type { TSession } from '../../../common/api/support.ts';
import { today as latvianDate } from '../../platform/clock.ts';
import { addDays, todayInLatvia } from '../../platform/dates.ts';

/** A remote session's students may confirm on the day of the session and the day after. */
export function remoteConfirmationOpen(onDate: string, today = todayInLatvia()): boolean {
  return today <= addDays(onDate, 1);
}

/**
 * In person, students confirm on the spot: on the provider's device, on the (Latvian) day the
 * session was recorded. After that an unconfirmed session has expired and releases its budget.
 */
export function inPersonConfirmationOpen(recordedAt: Date | string, today = todayInLatvia()): boolean {
  return today <= latvianDate(new Date(recordedAt));
}

/** The last day a session's students may confirm it (the rules above). */
export function confirmationExpiresOn(session: {
  mode: string;
  on_date: string;
  created_at: string | Date;
}): string {
  return session.mode === 'remote' ? addDays(session.on_date, 1) : latvianDate(new Date(session.created_at));
}

/** What a participant's confirmation looks like now. */
export function confirmationState(
  session: { mode: string; on_date: string; created_at: string | Date },
  confirmedAt: string | null,
): TSession['participants'][number]['confirmation'] {
  if (confirmedAt) return 'confirmed';
  if (session.mode === 'remote') return remoteConfirmationOpen(session.on_date) ? 'waiting' : 'expired';
  return inPersonConfirmationOpen(session.created_at) ? 'unconfirmed' : 'expired';
}
