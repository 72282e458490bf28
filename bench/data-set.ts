import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import type { BenchOptions } from './options.ts';

/** The database a run loads against, how it was filled, and how to get rid of it. */
export interface BenchDataSet {
  name: string;
  url: string;
  /** How the data came: the command that made it, or that an existing database was reused. */
  source: string;
  /** Seconds the generator or the demo load took (null when reused). */
  loadSeconds: number | null;
  drop: () => Promise<void>;
}

/** Whether this checkout has the national generator (`npm run cli -- generate`). */
export function hasGenerator(): boolean {
  return existsSync('server/generate');
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function runCli(args: string[], url: string): number {
  const started = performance.now();
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 2, 'inherit'],
  });
  if (res.status !== 0) throw new Error(`npm run cli -- ${args.join(' ')} failed (exit ${res.status})`);
  return (performance.now() - started) / 1000;
}

/**
 * Makes the run's PostgreSQL database `pumpurs_bench_<time>` and fills it: with the generator
 * (`cli generate --students … --schools … --semesters … --seed …`, which migrates the empty
 * database and fills it) when asked and present, else with the demo; then ANALYZE. `--reuse NAME` skips all that.
 */
export async function prepareDataSet(opts: BenchOptions): Promise<BenchDataSet> {
  if (opts.reuse) {
    return {
      name: opts.reuse,
      url: databaseUrl(opts.adminUrl, opts.reuse),
      source: `the existing database ${opts.reuse} (--reuse)`,
      loadSeconds: null,
      drop: async () => undefined,
    };
  }
  const name = `pumpurs_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: opts.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = databaseUrl(opts.adminUrl, name);
  const drop = async () => {
    if (opts.keep) return;
    const c = new pg.Client({ connectionString: opts.adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  try {
    let source: string;
    let loadSeconds: number;
    if (opts.data === 'generate' && hasGenerator()) {
      const args = [
        'generate',
        '--students',
        String(opts.students),
        '--schools',
        String(opts.schools),
        '--semesters',
        String(opts.semesters),
        '--seed',
        String(opts.seed),
        '--database-url',
        url,
      ];
      loadSeconds = runCli(args, url);
      source = `\`npm run cli -- ${args.slice(0, -2).join(' ')} --database-url …\``;
    } else {
      loadSeconds = runCli(['seed'], url);
      source =
        opts.data === 'generate'
          ? 'the demo (`npm run seed`; this checkout has no generator yet)'
          : 'the demo (`npm run seed`)';
    }
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('analyze');
    await c.end();
    return { name, url, source, loadSeconds, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
