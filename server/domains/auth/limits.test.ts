import { describe, expect, it } from 'vitest';
import { ACCOUNT_MAX_DELAY_MS, accountDelayMs, type RecentFailures, refuseSignIn } from './limits.ts';

const NOW = Date.UTC(2027, 0, 1, 8);
const none: RecentFailures = {
  pair: 0,
  pairOldest: null,
  account: 0,
  accountLatest: null,
  address: 0,
  addressOldest: null,
};
const ago = (ms: number) => new Date(NOW - ms);

describe('sign-in limits', () => {
  it('lets the first five failures of an account pass without delay', () => {
    expect(refuseSignIn({ ...none, account: 4, accountLatest: ago(0) }, NOW)).toBeNull();
  });

  it('slows an account down exponentially after five failures, never beyond the cap', () => {
    expect([5, 6, 7, 8, 9, 10, 40, 10_000].map(accountDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(refuseSignIn({ ...none, account: 7, accountLatest: ago(1000) }, NOW)).toEqual({
      code: 'sign_in_slowed',
      retryAfterSeconds: 3,
    });
    expect(refuseSignIn({ ...none, account: 7, accountLatest: ago(4000) }, NOW)).toBeNull();
    const worst = refuseSignIn({ ...none, account: 1_000_000, accountLatest: ago(0) }, NOW);
    expect(worst?.retryAfterSeconds).toBe(ACCOUNT_MAX_DELAY_MS / 1000);
  });

  it('refuses an address for an account after five failures until the oldest leaves the window', () => {
    expect(refuseSignIn({ ...none, pair: 5, pairOldest: ago(4 * 60_000) }, NOW)).toEqual({
      code: 'too_many_attempts',
      retryAfterSeconds: 360,
    });
  });

  it('refuses an address only after 100 failures over all accounts', () => {
    expect(refuseSignIn({ ...none, address: 99, addressOldest: ago(0) }, NOW)).toBeNull();
    expect(refuseSignIn({ ...none, address: 100, addressOldest: ago(0) }, NOW)?.retryAfterSeconds).toBe(600);
  });
});
