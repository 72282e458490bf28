import { backendPids, cpuSeconds, machineCpu, waitForQuiet } from './cpu.ts';
import type { BenchDataSet } from './data-set.ts';
import { BenchClient } from './http-client.ts';
import { freePort, startServer, stopServer } from './lib.ts';
import { runPacedStage, type StageResult, seededRandom, weightedPicker } from './open-loop.ts';
import type { BenchOptions } from './options.ts';
import {
  collectSlowStatements,
  logOffset,
  type SlowStatement,
  startExplaining,
  stopExplaining,
} from './slow-statements.ts';
import { buildMix } from './workload.ts';
import { prepareWorkloadFixture, type WorkloadFixture } from './workload-fixture.ts';

/** CPU used during a stage, in % of one core (200 % = both cores of this machine). */
export interface StageCpu {
  app: number;
  postgres: number;
  generator: number;
  /** Everything else on the machine (other people's work, PostgreSQL's background processes). */
  others: number;
}

export interface LoadResult {
  fixture: WorkloadFixture;
  operations: string[];
  stages: (StageResult & { cpu: StageCpu; drainMs: number; drainCapped: boolean })[];
  slow: SlowStatement[] | { unavailable: string };
  /** Client socket pool and timeout, for the report. */
  maxSockets: number;
  timeoutMs: number;
}

const MAX_SOCKETS = 512;
const TIMEOUT_MS = 15_000;

/**
 * The paced mixed workload against one app instance on the data set: sign in the fixture's
 * accounts, warm up for a few seconds, then one stage per offered rate, each followed by a wait
 * until PostgreSQL has finished every statement of the stage; auto_explain logs statements over the
 * threshold throughout the stages.
 */
export async function runLoad(data: BenchDataSet, opts: BenchOptions): Promise<LoadResult> {
  const fixture = await prepareWorkloadFixture(data.url);
  let logFile: string | null = null;
  let explainError: string | null = null;
  const marks: { label: string; offset: number }[] = [];
  try {
    logFile = await startExplaining(opts.adminUrl, data.name, opts.slowMs);
  } catch (err) {
    explainError = err instanceof Error ? err.message : String(err);
  }
  const port = await freePort();
  const { child } = await startServer({ DATABASE_URL: data.url, PUMPURS_DEMO: 'off' }, port);
  const client = new BenchClient(new URL(`http://127.0.0.1:${port}`), MAX_SOCKETS, TIMEOUT_MS);
  try {
    const mix = await buildMix(`http://127.0.0.1:${port}`, client, fixture, seededRandom(opts.seed));
    const pick = weightedPicker(mix, seededRandom(opts.seed + 1));
    // Warm-up (not reported): connections, caches, the JIT.
    await runPacedStage({ rate: 20, durationMs: 3000, pick });
    await waitForQuiet(opts.adminUrl, data.name, 60_000);
    const stages: LoadResult['stages'] = [];
    for (const rate of opts.rates) {
      if (logFile) marks.push({ label: String(rate), offset: await logOffset(opts.adminUrl, logFile) });
      const pidsBefore = await backendPids(opts.adminUrl, data.name);
      const pgBefore = new Map(pidsBefore.map((p) => [p, cpuSeconds(p)]));
      const appBefore = cpuSeconds(child.pid ?? 0);
      const selfBefore = process.cpuUsage();
      const machineBefore = machineCpu();
      const t0 = performance.now();
      const result = await runPacedStage({ rate, durationMs: opts.stageSeconds * 1000, pick });
      const wall = (performance.now() - t0) / 1000;
      const self = process.cpuUsage(selfBefore);
      const machineBusy = machineCpu().busy - machineBefore.busy;
      const pidsAfter = await backendPids(opts.adminUrl, data.name);
      const pgUsed = pidsAfter.reduce((sum, p) => sum + cpuSeconds(p) - (pgBefore.get(p) ?? 0), 0);
      const app = cpuSeconds(child.pid ?? 0) - appBefore;
      const generator = (self.user + self.system) / 1e6;
      const cpu = {
        app: (app / wall) * 100,
        postgres: (pgUsed / wall) * 100,
        generator: (generator / wall) * 100,
        others: (Math.max(0, machineBusy - app - pgUsed - generator) / wall) * 100,
      };
      const drainCap = opts.quick ? 60_000 : 120_000;
      const drainMs = await waitForQuiet(opts.adminUrl, data.name, drainCap);
      stages.push({ ...result, cpu, drainMs, drainCapped: drainMs >= drainCap });
      console.error(
        `bench: ${rate} req/s offered → ${result.achievedRate.toFixed(0)} achieved, p95 ${result.all.p95.toFixed(0)} ms, errors ${JSON.stringify(result.errors)}`,
      );
      await new Promise((r) => setTimeout(r, 2000));
    }
    let slow: LoadResult['slow'] = { unavailable: explainError ?? 'auto_explain was not set up' };
    if (logFile) {
      try {
        slow = await collectSlowStatements(opts.adminUrl, data.name, logFile, marks);
      } catch (err) {
        slow = { unavailable: err instanceof Error ? err.message : String(err) };
      }
    }
    return {
      fixture,
      operations: mix.map((m) => m.name),
      stages,
      slow,
      maxSockets: MAX_SOCKETS,
      timeoutMs: TIMEOUT_MS,
    };
  } finally {
    client.close();
    await stopServer(child, 10_000);
    if (logFile) await stopExplaining(opts.adminUrl, data.name).catch(() => undefined);
  }
}
