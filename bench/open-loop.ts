import { seededRandom } from '../server/demo/random.ts';
import { percentile } from './lib.ts';

/** One kind of request in the mix; `run` answers the HTTP status (0 when no answer came). */
export interface Operation {
  name: string;
  weight: number;
  run: () => Promise<number>;
}

/** Latency and outcome counts of one operation (or of the whole stage). */
export interface LatencySummary {
  count: number;
  ok: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What one paced stage measured. */
export interface StageResult {
  /** The offered rate, requests a second. */
  rate: number;
  durationMs: number;
  sent: number;
  /** Answers with a 2xx status per second, from the first scheduled start to the last answer. */
  achievedRate: number;
  all: LatencySummary;
  perOperation: Record<string, LatencySummary>;
  /** Errors by status ("503", "429", "timeout" for no answer). */
  errors: Record<string, number>;
  /** How late the generator itself started requests (ms after their scheduled time), p99 and max. */
  startLagP99: number;
  startLagMax: number;
}

/** The demo's seeded generator (mulberry32): the same seed gives the same mix of requests every run. */
export { seededRandom };

/** Picks operations by weight with `random` (a number in [0, 1)). */
export function weightedPicker(ops: Operation[], random: () => number): () => Operation {
  const total = ops.reduce((sum, op) => sum + op.weight, 0);
  if (ops.length === 0 || total <= 0) throw new Error('the mix has no operation with a weight');
  return () => {
    let r = random() * total;
    for (const op of ops) {
      r -= op.weight;
      if (r < 0) return op;
    }
    return ops[ops.length - 1];
  };
}

/** The scheduled start (ms after the stage starts) of request `i` at `rate` requests a second. */
export function scheduledAt(i: number, rate: number): number {
  return (i * 1000) / rate;
}

interface Sample {
  op: string;
  status: number;
  latency: number;
}

/** p50/p95/p99/max of the samples' latencies and how many were 2xx. */
export function summarise(samples: Sample[]): LatencySummary {
  const sorted = samples.map((s) => s.latency).sort((a, b) => a - b);
  return {
    count: samples.length,
    ok: samples.filter((s) => s.status >= 200 && s.status < 300).length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** The clock and timer a stage runs on; tests pass a simulated one. */
export interface Timer {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const realTimer: Timer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs one open-loop stage: request i is due at start + i/rate whatever the answers so far (no
 * waiting for a free slot, unlike a fixed number of workers), and its latency is measured from that
 * scheduled time, not from when it was sent, so time spent queued behind a slow server — or behind a
 * late generator — counts. Waits for every answer before returning.
 */
export async function runPacedStage(
  opts: { rate: number; durationMs: number; pick: () => Operation },
  timer: Timer = realTimer,
): Promise<StageResult> {
  const { rate, durationMs, pick } = opts;
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const samples: Sample[] = [];
  const lags: number[] = [];
  const inFlight: Promise<void>[] = [];
  const start = timer.now();
  let lastAnswer = start;
  let i = 0;
  while (i < total) {
    const now = timer.now();
    const due = start + scheduledAt(i, rate);
    if (now < due) {
      await timer.sleep(Math.max(0, due - now));
      continue;
    }
    // Fire every request that is due by now (a late timer fires several at once, each still timed
    // from its own scheduled start).
    while (i < total && start + scheduledAt(i, rate) <= timer.now()) {
      const scheduled = start + scheduledAt(i, rate);
      const op = pick();
      lags.push(timer.now() - scheduled);
      inFlight.push(
        op.run().then(
          (status) => {
            lastAnswer = timer.now();
            samples.push({ op: op.name, status, latency: lastAnswer - scheduled });
          },
          () => {
            lastAnswer = timer.now();
            samples.push({ op: op.name, status: 0, latency: lastAnswer - scheduled });
          },
        ),
      );
      i += 1;
    }
  }
  await Promise.all(inFlight);
  const byOp = new Map<string, Sample[]>();
  const errors: Record<string, number> = {};
  for (const s of samples) {
    const list = byOp.get(s.op) ?? [];
    list.push(s);
    byOp.set(s.op, list);
    if (s.status < 200 || s.status >= 300) {
      const key = s.status === 0 ? 'timeout' : String(s.status);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
  const all = summarise(samples);
  lags.sort((a, b) => a - b);
  return {
    rate,
    durationMs,
    sent: total,
    achievedRate: all.ok / Math.max(0.001, (lastAnswer - start) / 1000),
    all,
    perOperation: Object.fromEntries([...byOp].map(([name, s]) => [name, summarise(s)])),
    errors,
    startLagP99: percentile(lags, 99),
    startLagMax: lags[lags.length - 1] ?? 0,
  };
}
