import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock, setClock } from '../../platform/clock.ts';
import { cachedSummary, SUMMARY_CACHE_MS } from './summary-cache.ts';

afterEach(() => resetClock());

describe('start-page counts of wide scopes', () => {
  it('are counted once within a minute and again after it', async () => {
    setClock('2030-03-04T09:00:00Z', { frozen: true });
    let runs = 0;
    const count = async () => ({ flagged: ++runs });
    expect(await cachedSummary('sem /a/', count)).toEqual({ flagged: 1 });
    advanceClock(SUMMARY_CACHE_MS - 1);
    expect(await cachedSummary('sem /a/', count)).toEqual({ flagged: 1 });
    expect(await cachedSummary('sem /b/', count)).toEqual({ flagged: 2 });
    advanceClock(1);
    expect(await cachedSummary('sem /a/', count)).toEqual({ flagged: 3 });
  });
});
