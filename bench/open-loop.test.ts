import { describe, expect, it } from 'vitest';
import { type Operation, runPacedStage, seededRandom, type Timer, weightedPicker } from './open-loop.ts';

/** A simulated clock: sleeping moves it forward, optionally by more than asked (a late timer). */
function simulatedTimer(oversleepMs = 0): Timer & { advance: (ms: number) => void } {
  let t = 1000;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += ms + oversleepMs;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

describe('paced open-loop stage', () => {
  it('sends rate × duration requests, each on its own schedule, and counts 2xx as achieved', async () => {
    const timer = simulatedTimer();
    const sentAt: number[] = [];
    const op: Operation = {
      name: 'a',
      weight: 1,
      run: async () => {
        sentAt.push(timer.now());
        return 200;
      },
    };
    const r = await runPacedStage({ rate: 100, durationMs: 1000, pick: () => op }, timer);
    expect(r.sent).toBe(100);
    expect(sentAt).toHaveLength(100);
    // 10 ms apart: the schedule does not depend on the answers.
    expect(sentAt[1] - sentAt[0]).toBe(10);
    expect(sentAt[99] - sentAt[0]).toBe(990);
    expect(r.all.ok).toBe(100);
    expect(r.errors).toEqual({});
  });

  it('measures latency from the scheduled start, so a late generator or a queue counts', async () => {
    // Every sleep overshoots by 25 ms: requests start late and are fired in bursts.
    const timer = simulatedTimer(25);
    const op: Operation = { name: 'slow', weight: 1, run: async () => 200 };
    const r = await runPacedStage({ rate: 200, durationMs: 500, pick: () => op }, timer);
    expect(r.sent).toBe(100);
    expect(r.startLagMax).toBeGreaterThanOrEqual(25);
    // Answers arrive "instantly", yet the latency includes the time each request waited to start.
    expect(r.all.max).toBeGreaterThanOrEqual(25);
    expect(r.all.p50).toBeGreaterThan(0);
  });

  it('counts non-2xx answers and missing answers as errors by status', async () => {
    const timer = simulatedTimer();
    let n = 0;
    const op: Operation = {
      name: 'mixed',
      weight: 1,
      run: async () => {
        n += 1;
        if (n % 4 === 0) throw new Error('no answer');
        return n % 4 === 1 ? 200 : 503;
      },
    };
    const r = await runPacedStage({ rate: 40, durationMs: 1000, pick: () => op }, timer);
    expect(r.all.count).toBe(40);
    expect(r.all.ok).toBe(10);
    expect(r.errors).toEqual({ '503': 20, timeout: 10 });
    expect(r.perOperation.mixed.count).toBe(40);
  });
});

describe('weighted mix', () => {
  it('picks operations in proportion to their weights, the same way for the same seed', () => {
    const ops = [
      { name: 'a', weight: 3, run: async () => 200 },
      { name: 'b', weight: 1, run: async () => 200 },
    ];
    const pickA = weightedPicker(ops, seededRandom(7));
    const pickB = weightedPicker(ops, seededRandom(7));
    const first = Array.from({ length: 4000 }, () => pickA().name);
    const second = Array.from({ length: 4000 }, () => pickB().name);
    expect(first).toEqual(second);
    const share = first.filter((n) => n === 'a').length / first.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });
});
