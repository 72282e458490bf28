import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { ensureWebBuilt } from '../server/platform/web-build.ts';
import { type BenchDataSet, prepareDataSet } from './data-set.ts';
import { type LoadResult, runLoad } from './load.ts';
import { type BenchOptions, parseBenchOptions, USAGE } from './options.ts';
import { benchPgliteRestart, type PgliteRestart } from './pglite-restart.ts';
import { insertSection, postgresSettings, renderReport } from './report.ts';

/**
 * `npm run bench`: the national-scale benchmark against the local PostgreSQL — a data set from the
 * generator (or the demo), the paced open-loop mixed workload at each offered rate with the
 * statements over the threshold and their plans, the PGlite restart, and any other bench script
 * that is present (bench/import-ratio.ts); the report goes into BENCHMARKS.md as a new dated
 * section. `npm run bench -- --quick` does it in a couple of minutes; `--help` lists the options.
 * The closed-loop figures of earlier issues: `node --import tsx bench/earlier.ts`.
 */

/**
 * Other bench scripts run along when this checkout has them (arguments for a full and a quick run);
 * their output goes into the report.
 */
const EXTRA_SCRIPTS = [
  { script: 'bench/import-ratio.ts', full: [], quick: ['--rows', '100000', '--students', '500'] },
  { script: 'bench/lists-scale.ts', full: [], quick: ['--steps', '1000,5000', '--runs', '10'] },
  { script: 'bench/classlist-ratio.ts', full: [], quick: ['--students', '5000'] },
  { script: 'bench/reports.ts', full: [], quick: ['--students', '5000', '--schools', '20', '--runs', '20'] },
];

function runExtraScripts(opts: BenchOptions): { script: string; output: string }[] {
  return EXTRA_SCRIPTS.filter((s) => existsSync(s.script)).map(({ script, full, quick }) => {
    const args = opts.quick ? quick : full;
    console.error(`bench: running ${script} ${args.join(' ')}`);
    const res = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      env: {
        ...process.env,
        BENCH_DATABASE_URL: opts.adminUrl,
        BENCH_PG_URL: opts.adminUrl,
        BENCH_QUICK: opts.quick ? '1' : '',
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    });
    const output =
      res.status === 0 ? res.stdout : `${res.stdout}\n\n(\`${script}\` failed with exit code ${res.status})`;
    return { script: `\`node --import tsx ${[script, ...args].join(' ')}\``, output };
  });
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  let opts: BenchOptions;
  try {
    opts = parseBenchOptions(argv);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(USAGE);
    return 2;
  }
  const date = new Date().toISOString().slice(0, 10);
  const loadAtStart = os.loadavg()[0];
  await ensureWebBuilt();
  const postgres = await postgresSettings(opts.adminUrl);
  console.error('bench: preparing the data set');
  const data: BenchDataSet = await prepareDataSet(opts);
  let load: LoadResult;
  try {
    console.error(`bench: the mixed workload on ${data.name}`);
    load = await runLoad(data, opts);
  } finally {
    await data.drop();
  }
  if (!opts.skipPglite) console.error('bench: PGlite restart');
  // A failure here must not lose the load figures: it is written into the report instead.
  let pglite: PgliteRestart | { failed: string } | null = null;
  if (!opts.skipPglite)
    pglite = await benchPgliteRestart(opts.quick ? 1 : 3, opts.pgliteDemo).catch((err: unknown) => ({
      failed: err instanceof Error ? err.message : String(err),
    }));
  const extra = opts.skipExtra ? [] : runExtraScripts(opts);
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const section = renderReport({ command, opts, data, load, pglite, extra, postgres, loadAtStart }, date);
  console.log(section);
  if (opts.output) {
    insertSection(opts.output, section);
    console.error(`bench: written to ${opts.output}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
