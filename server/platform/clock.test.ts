import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, now, resetClock, setClock, today } from './clock.ts';

describe('clock', () => {
  afterEach(() => resetClock());

  it('reports the moment a test sets, frozen', () => {
    setClock('2028-06-15T09:00:00Z', { frozen: true });
    expect(now().toISOString()).toBe('2028-06-15T09:00:00.000Z');
    advanceClock(86_400_000);
    expect(today()).toBe('2028-06-16');
  });

  it('runs on from a moment that is set without freezing', async () => {
    setClock('2030-01-01T00:00:00Z');
    const first = now().getTime();
    await new Promise((r) => setTimeout(r, 20));
    expect(now().getTime()).toBeGreaterThan(first);
    expect(now().getUTCFullYear()).toBe(2030);
  });

  it('gives the Latvian date, a day ahead of UTC shortly before midnight UTC', () => {
    setClock('2026-11-28T23:30:00Z', { frozen: true });
    expect(today()).toBe('2026-11-29');
  });
});
