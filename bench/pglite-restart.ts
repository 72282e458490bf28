import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../server/platform/db.ts';
import { freePort, startServer, stopServer } from './lib.ts';

/** PGlite start-up: the first start on an empty folder, then restarts on the existing folder. */
export interface PgliteRestart {
  withDemo: boolean;
  firstStartMs: number;
  /** Process start to /api/health 200 on the existing folder, each run, as `npm start` runs it (compiled). */
  restartsMs: number[];
  /** The same through tsx (`npm run dev`'s way: TypeScript compiled at start-up). */
  restartsTsxMs: number[];
  /** Opening the existing folder in this process (PGlite.create and the migration check), each run. */
  openMs: number[];
}

/** The median of a list of times. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Starts the app on a new PGlite data folder (migrate, and the demo when `withDemo`), stops it,
 * then restarts it `runs` times on that folder and times each to a healthy answer; also times
 * reopening the folder in-process, which is the database's part of the restart.
 */
export async function benchPgliteRestart(runs: number, withDemo: boolean): Promise<PgliteRestart> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-pglite-'));
  const env = { PUMPURS_DATA_DIR: dir, PUMPURS_DEMO: withDemo ? 'on' : 'off' };
  try {
    const port = await freePort();
    // `npm start` runs the compiled build (dist/app); make it current first, outside the timings.
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
    if (built.status !== 0) throw new Error('npm run build failed');
    const compiled = ['scripts/start.mjs'];
    const first = await startServer(env, port, undefined, 600_000, compiled);
    await stopServer(first.child);
    const restartsMs: number[] = [];
    const restartsTsxMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const again = await startServer(env, port, undefined, 120_000, compiled);
      restartsMs.push(again.ms);
      await stopServer(again.child);
      const tsx = await startServer(env, port);
      restartsTsxMs.push(tsx.ms);
      await stopServer(tsx.child);
    }
    const openMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const db = await openPglite(dir);
      openMs.push(performance.now() - t);
      await db.close();
    }
    return { withDemo, firstStartMs: first.ms, restartsMs, restartsTsxMs, openMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
