import { parseArgs } from 'node:util';

/** What `npm run bench -- …` was asked to do. */
export interface BenchOptions {
  quick: boolean;
  /** Where the data comes from: the national generator, or the demo (3,070 students). */
  data: 'generate' | 'demo';
  students: number;
  schools: number;
  semesters: number;
  seed: number;
  /** Offered rates, requests a second, one stage each. */
  rates: number[];
  stageSeconds: number;
  /** Statements slower than this are listed with their plans. */
  slowMs: number;
  /** A PostgreSQL URL the bench may create (and drop) databases with. */
  adminUrl: string;
  /** Use this existing, already filled database instead of making one (it is not dropped). */
  reuse: string | null;
  /** Keep the database made for the run. */
  keep: boolean;
  /** Where the report goes (null: printed only). */
  output: string | null;
  /** Skip the PGlite restart measurement. */
  skipPglite: boolean;
  /** Load the demo into the PGlite folder before the restarts (its first start then takes minutes). */
  pgliteDemo: boolean;
  /** Skip the other bench scripts (import ratio, lists at scale). */
  skipExtra: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]
  --quick                 a couple of minutes: a small data set, 5 s a stage, one PGlite restart
  --data generate|demo    data from \`npm run cli -- generate\` (default when present) or the demo
  --students N --schools N --semesters N --seed N
                          the generator's size (default 22000 / 80 / 2 / 1; quick 3000 / 10 / 1)
  --rates 100,200,500,1000  offered rates, one stage each
  --stage-seconds N       seconds a stage (default 20; quick 5)
  --slow-ms N             list statements slower than this with their plans (default 50)
  --database-url URL      PostgreSQL to create the bench database on (default BENCH_DATABASE_URL or
                          postgres://postgres@127.0.0.1:5432/test)
  --reuse NAME            run against an existing filled database NAME (kept)
  --keep                  keep the database made for the run
  --output FILE           write the report into FILE (default BENCHMARKS.md); --no-write: print only
  --skip-pglite           do not measure the PGlite restart
  --pglite-demo           restart PGlite on a folder with the demo loaded (default: migrated, empty)
  --skip-extra            do not run bench/import-ratio.ts, lists-scale.ts and classlist-ratio.ts along`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** Parses the command line; throws with a message naming the bad option. */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      data: { type: 'string' },
      students: { type: 'string' },
      schools: { type: 'string' },
      semesters: { type: 'string' },
      seed: { type: 'string' },
      rates: { type: 'string' },
      'stage-seconds': { type: 'string' },
      'slow-ms': { type: 'string' },
      'database-url': { type: 'string' },
      reuse: { type: 'string' },
      keep: { type: 'boolean', default: false },
      output: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      'skip-pglite': { type: 'boolean', default: false },
      'skip-extra': { type: 'boolean', default: false },
      'pglite-demo': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  if (values.data !== undefined && values.data !== 'generate' && values.data !== 'demo')
    throw new Error('--data must be generate or demo');
  const rates = (values.rates ?? '100,200,500,1000').split(',').map((r) => positive('rates', r.trim(), 0));
  if (values.reuse !== undefined && !/^[a-z_][a-z0-9_]*$/.test(values.reuse))
    throw new Error('--reuse must be a plain database name');
  return {
    quick,
    data: (values.data as BenchOptions['data'] | undefined) ?? 'generate',
    students: positive('students', values.students, quick ? 3000 : 22_000),
    schools: positive('schools', values.schools, quick ? 10 : 80),
    semesters: positive('semesters', values.semesters, quick ? 1 : 2),
    seed: positive('seed', values.seed, 1),
    rates,
    stageSeconds: positive('stage-seconds', values['stage-seconds'], quick ? 5 : 20),
    slowMs: positive('slow-ms', values['slow-ms'], 50),
    adminUrl: values['database-url'] ?? env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    reuse: values.reuse ?? null,
    keep: values.keep ?? false,
    output: values['no-write'] ? null : (values.output ?? 'BENCHMARKS.md'),
    skipPglite: values['skip-pglite'] ?? false,
    skipExtra: values['skip-extra'] ?? false,
    pgliteDemo: values['pglite-demo'] ?? false,
  };
}
