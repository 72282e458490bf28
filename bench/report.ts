import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import type { BenchDataSet } from './data-set.ts';
import type { LoadResult } from './load.ts';
import type { BenchOptions } from './options.ts';
import { median, type PgliteRestart } from './pglite-restart.ts';

/** Everything one `npm run bench` measured, for the report. */
export interface BenchRun {
  command: string;
  opts: BenchOptions;
  data: BenchDataSet;
  load: LoadResult;
  pglite: PgliteRestart | { failed: string } | null;
  /** Output of other bench scripts run along (e.g. bench/import-ratio.ts), by script. */
  extra: { script: string; output: string }[];
  postgres: Record<string, string>;
  /** The machine's 1-minute load average when the run started (other people's work shows here). */
  loadAtStart: number;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : '–');
const int = (n: number) => Math.round(n).toLocaleString('en');

/** The PostgreSQL server's version and the settings that matter for this load. */
export async function postgresSettings(adminUrl: string): Promise<Record<string, string>> {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ name: string; setting: string }>(
      `select name, current_setting(name) as setting from pg_settings
        where name in ('server_version', 'shared_buffers', 'work_mem', 'max_connections',
                       'effective_cache_size', 'synchronous_commit', 'jit')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await db.end();
  }
}

function machine(pgSettings: Record<string, string>, loadAtStart: number): string {
  const cpus = os.cpus();
  const pgLine = Object.entries(pgSettings)
    .filter(([k]) => k !== 'server_version')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB,`,
    `  Linux ${os.release()}, Node ${process.version}; the app (one instance, pool DB_POOL_SIZE=${process.env.DB_POOL_SIZE ?? '10, the default'}), PostgreSQL`,
    '  and the load generator share the same cores, and other work may run beside them',
    `  (load average ${loadAtStart.toFixed(1)} when the run started).`,
    `- PostgreSQL ${pgSettings.server_version ?? '?'} on 127.0.0.1 (${pgLine}).`,
  ].join('\n');
}

function stageTable(load: LoadResult): string {
  const head =
    '| offered req/s | sent | achieved req/s | p50 ms | p95 ms | p99 ms | max ms | errors | generator lag p99 ms | CPU % app / PostgreSQL / generator / others | drain s |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|';
  const rows = load.stages.map((s) => {
    const errors = Object.entries(s.errors)
      .map(([k, v]) => `${v} × ${k}`)
      .join(', ');
    return `| ${s.rate} | ${int(s.sent)} | ${s.achievedRate.toFixed(1)} | ${ms(s.all.p50)} | ${ms(s.all.p95)} | ${ms(s.all.p99)} | ${ms(s.all.max)} | ${errors || '0'} | ${ms(s.startLagP99)} | ${s.cpu.app.toFixed(0)} / ${s.cpu.postgres.toFixed(0)} / ${s.cpu.generator.toFixed(0)} / ${s.cpu.others.toFixed(0)} | ${(s.drainMs / 1000).toFixed(1)}${s.drainCapped ? ' (cap: still busy)' : ''} |`;
  });
  return [head, ...rows].join('\n');
}

function operationTable(load: LoadResult): string {
  const head = `| request | ${load.stages.map((s) => `${s.rate} req/s: p50 / p95 / p99 ms (errors)`).join(' | ')} |`;
  const sep = `|---|${load.stages.map(() => '---').join('|')}|`;
  const rows = load.operations.map((op) => {
    const cells = load.stages.map((s) => {
      const o = s.perOperation[op];
      if (!o) return '–';
      const failed = o.count - o.ok;
      return `${ms(o.p50)} / ${ms(o.p95)} / ${ms(o.p99)}${failed ? ` (${failed})` : ''}`;
    });
    return `| ${op} | ${cells.join(' | ')} |`;
  });
  return [head, sep, ...rows].join('\n');
}

function slowSection(load: LoadResult, slowMs: number): string {
  if ('unavailable' in load.slow)
    return `Slow statements could not be read: ${load.slow.unavailable} (set BENCH_PG_LOG to the server log).`;
  if (load.slow.length === 0) return `No statement took longer than ${slowMs} ms during the stages.`;
  const slow = load.slow;
  const perStage = load.stages.map((st) => {
    const label = String(st.rate);
    const n = slow.reduce((sum, s) => sum + (s.byStage[label] ?? 0), 0);
    const kinds = slow.filter((s) => (s.byStage[label] ?? 0) > 0).length;
    return `${label} req/s: ${int(n)} (${kinds} statements)`;
  });
  const shown = slow.slice(0, 12);
  const parts = [
    `Executions over ${slowMs} ms by stage — ${perStage.join('; ')}. A statement slow at a low rate is slow by itself; one that appears only in the overloaded stages waited for CPU or locks. The ${shown.length} with the most time over the threshold (all stages), each with the plan of its slowest execution (auto_explain, actual rows without per-node timing; literals that could be personal are shown as '…'; the time includes waiting for locks, e.g. \`for update\`):`,
  ];
  shown.forEach((s, i) => {
    const query = s.query.length > 400 ? `${s.query.slice(0, 400)} …` : s.query;
    const planLines = s.plan.split('\n');
    const plan = planLines.length > 40 ? [...planLines.slice(0, 40), '…'].join('\n') : s.plan;
    const stages = load.stages.map((st) => `${st.rate}: ${s.byStage[String(st.rate)] ?? 0}`).join(', ');
    parts.push(
      `${i + 1}. ${s.count} × (by stage ${stages}), median ${ms(s.medianMs)} ms, max ${ms(s.maxMs)} ms, total ${(s.totalMs / 1000).toFixed(1)} s — \`${query.replaceAll('`', "'")}\`\n\n\`\`\`\n${plan}\n\`\`\``,
    );
  });
  return parts.join('\n\n');
}

function pgliteSection(p: BenchRun['pglite']): string {
  if (!p) return 'Not measured (--skip-pglite).';
  if ('failed' in p) return `Failed: ${p.failed}.`;
  const list = (xs: number[]) => xs.map((x) => ms(x)).join(', ');
  return [
    '| measure | result |',
    '|---|---|',
    `| first start on an empty data folder (create, migrate${p.withDemo ? ', demo' : ''}) to health 200 | ${ms(p.firstStartMs)} ms |`,
    `| restart on the existing folder to health 200 as \`npm start\` runs it (compiled build, open, listen) | median ${ms(median(p.restartsMs))} ms (${list(p.restartsMs)}) |`,
    `| the same through tsx (\`npm run dev\`: TypeScript compiled at start-up) | median ${ms(median(p.restartsTsxMs))} ms (${list(p.restartsTsxMs)}) |`,
    `| reopening the existing folder in a running process (PGlite.create + migration check) | median ${ms(median(p.openMs))} ms (${list(p.openMs)}) |`,
  ].join('\n');
}

function goals(run: BenchRun): string {
  const top = run.load.stages.find((s) => s.rate === 1000) ?? run.load.stages[run.load.stages.length - 1];
  const national = run.load.fixture.counts.students >= 200_000;
  const lines = [];
  if (top) {
    const met = top.all.p95 < 150 && top.achievedRate >= top.rate * 0.95;
    lines.push(
      `- p95 < 150 ms at 1,000 req/s on the national data set: ${met ? 'met' : 'not met'} at ${top.rate} req/s offered (${top.achievedRate.toFixed(0)} achieved, p95 ${ms(top.all.p95)} ms) on ${int(run.load.fixture.counts.students)} students${national ? '' : ' (not the national size: run with --students 220000 --schools 800)'}.`,
    );
    const saturated = run.load.stages.find((s) => s.achievedRate < s.rate * 0.95 || s.all.p95 >= 150);
    if (saturated) {
      const busiest = saturated.cpu.app >= saturated.cpu.postgres ? 'the app process' : 'PostgreSQL';
      lines.push(
        `- First stage over the goal: ${saturated.rate} req/s offered (achieved ${saturated.achievedRate.toFixed(0)}, p95 ${ms(saturated.all.p95)} ms); CPU there: app ${saturated.cpu.app.toFixed(0)} %, PostgreSQL ${saturated.cpu.postgres.toFixed(0)} %, generator ${saturated.cpu.generator.toFixed(0)} %, everything else ${saturated.cpu.others.toFixed(0)} % (of ${os.cpus().length * 100} % on this machine) — ${busiest} used the most of ours.`,
      );
    }
  }
  const low = run.load.stages[0];
  if (low) {
    const pair = (school: string, wide: string) => {
      const a = low.perOperation[school];
      const b = low.perOperation[wide];
      return a && b ? `${ms(b.p50)} vs ${ms(a.p50)} ms (× ${(b.p50 / a.p50).toFixed(1)})` : '–';
    };
    lines.push(
      `- Lists flat in the scope's size (p50 at ${low.rate} req/s, municipal vs school scope): student list ${pair('student list, school', 'student list, municipality')}, watch list ${pair('watch list, school', 'watch list, municipality')}. The lists' own growth measurement (1k → 80k students) is the lists work's script.`,
    );
  }
  if (run.pglite && !('failed' in run.pglite)) {
    const m = median(run.pglite.restartsMs);
    lines.push(
      `- PGlite restart < 2 s: ${m < 2000 ? 'met' : 'not met'} (median ${ms(m)} ms to health 200; the database's own reopen ${ms(median(run.pglite.openMs))} ms).`,
    );
  }
  return lines.join('\n');
}

/** The dated BENCHMARKS.md section for one run. */
export function renderReport(run: BenchRun, date: string): string {
  const { load, opts, data } = run;
  const c = load.fixture.counts;
  const mixTotal = load.operations.length;
  return `## ${date} — national scale: paced mixed workload${opts.quick ? ' (quick run)' : ''} (issue 13)

${machine(run.postgres, run.loadAtStart)}
- Command: \`${run.command}\`.
- Data: ${data.source}${data.loadSeconds === null ? '' : `, loaded in ${data.loadSeconds.toFixed(1)} s`}: ${int(c.students)} students, ${int(c.schools)} schools, ${int(c.plans)} plans, ≈ ${int(c.attendance)} attendance rows.
- Load: a paced open-loop generator (bench/open-loop.ts): request *i* of a stage is due at *i* / rate
  seconds whatever the answers so far, and its latency runs from that scheduled moment, so waiting
  in a queue (the server's, the pool's, or the generator's own) counts; no bursts. ${opts.stageSeconds} s a stage
  after a 3 s warm-up, up to ${load.maxSockets} keep-alive connections, no answer within ${load.timeoutMs / 1000} s counts as "timeout";
  after each stage the bench waits until PostgreSQL runs no statement of the database ("drain").
- Mix (${mixTotal} kinds, shares in bench/workload.ts): sign-in, student list at school and municipal scope,
  search, student page, watch list (school, municipality), plan queue, plan page, record a session
  (POST), start-page counts (tasks, watch list). Signed in as ${load.fixture.municipalCoordinators.length} municipal and ${load.fixture.schoolCoordinators.length} school
  coordinators (largest scopes first) and ${new Set(load.fixture.sessionTargets.map((t) => t.providerEmail)).size} specialists, recording sessions on ${new Set(load.fixture.sessionTargets.map((t) => t.planId)).size} running plans
  (sessions of one school wait for each other on its budget line's lock, by design).

### Stages

${stageTable(load)}

CPU is in % of one core over the stage (${os.cpus().length * 100} % is the whole machine): the app process, the
PostgreSQL backends of the bench database, the load generator, and everything else on the machine.
"Generator lag" is how late the generator itself started requests (it is counted in the latency).

### Per request

${operationTable(load)}

### Statements over ${opts.slowMs} ms, with plans

${slowSection(load, opts.slowMs)}

### PGlite restart

${pgliteSection(run.pglite)}
${run.extra.map((e) => `\n### ${e.script}\n\n${e.output.trim()}\n`).join('')}
### Against the goals

${goals(run)}
`;
}

/** Puts `section` into the benchmarks file above the newest dated section (newest first). */
export function insertSection(file: string, section: string): void {
  // A new file (`--output` somewhere else) starts with a title.
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Pumpurs benchmarks\n';
  const at = text.indexOf('\n## ');
  const next =
    at < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, at + 1)}${section}\n${text.slice(at + 1)}`;
  writeFileSync(file, next);
}
