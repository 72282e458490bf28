import type { MessageCode } from '../../platform/messages.ts';

/**
 * The sign-in limits. Failures are counted in the database (several app instances share them)
 * over a sliding window, three ways:
 *
 * - per account and address: after 5 failures that address may not try that account again
 *   until the oldest failure leaves the window (at most 10 minutes);
 * - per account over all addresses: no lock-out, a growing delay after the 5th failure
 *   (1 s, 2 s, 4 s … capped at 30 s after the latest failure), so the right password from
 *   another address gets in after a short wait and no one can keep an account locked;
 * - per address over all accounts: 100 failures, so a school's shared address (NAT) is not
 *   locked out by a few typos, while one machine cannot spray passwords over many accounts.
 *
 * Refused attempts never reach the password check and are not counted, so hammering a refused
 * account or address cannot extend the wait.
 */
export const LOGIN_WINDOW_MS = 10 * 60_000;
export const PAIR_MAX_FAILURES = 5;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_MAX_DELAY_MS = 30_000;
export const ADDRESS_MAX_FAILURES = 100;

/** Recent failed sign-ins that concern one attempt. */
export interface RecentFailures {
  /** For this account from this address. */
  pair: number;
  pairOldest: Date | null;
  /** For this account from any address. */
  account: number;
  accountLatest: Date | null;
  /** From this address for any account. */
  address: number;
  addressOldest: Date | null;
}

/** Why an attempt is refused before the password is checked, and for how many seconds. */
export interface Refusal {
  code: Extract<MessageCode, 'too_many_attempts' | 'sign_in_slowed'>;
  retryAfterSeconds: number;
}

/** The account's delay after `failures` failures in the window: none for the first five. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  const exponent = Math.min(failures - ACCOUNT_FREE_FAILURES, 20);
  return Math.min(ACCOUNT_MAX_DELAY_MS, 1000 * 2 ** exponent);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function untilLeavesWindow(oldest: Date | null, nowMs: number): number {
  return seconds((oldest?.getTime() ?? nowMs) + LOGIN_WINDOW_MS - nowMs);
}

/** Null when the attempt may go on to the password check, otherwise why not. */
export function refuseSignIn(failures: RecentFailures, nowMs: number): Refusal | null {
  if (failures.address >= ADDRESS_MAX_FAILURES)
    return { code: 'too_many_attempts', retryAfterSeconds: untilLeavesWindow(failures.addressOldest, nowMs) };
  if (failures.pair >= PAIR_MAX_FAILURES)
    return { code: 'too_many_attempts', retryAfterSeconds: untilLeavesWindow(failures.pairOldest, nowMs) };
  const delay = accountDelayMs(failures.account);
  const waitMs = (failures.accountLatest?.getTime() ?? 0) + delay - nowMs;
  if (delay > 0 && waitMs > 0) return { code: 'sign_in_slowed', retryAfterSeconds: seconds(waitMs) };
  return null;
}
