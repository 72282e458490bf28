import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { CHILD_INDICATORS } from '../common/api/reports.ts';
import { findCurrentSemester } from '../server/domains/calendar/index.ts';
import { findFigures, refreshReportFigures } from '../server/domains/reports/index.ts';
import { DEFAULT_GENERATED_PASSWORD } from '../server/generate/options.ts';
import { GENERATED_DOMAIN } from '../server/generate/people.ts';
import { type Database, openPostgres, queryRows } from '../server/platform/db.ts';
import { freePort, loadGet, percentile, signInHttp, startServer, stopServer } from './lib.ts';
import { insertSection } from './report.ts';

/**
 * The reports' read model at national scale (issue 14): on a data set from the generator, (a) a
 * full refresh of the current semester and of its school year, (b) the national dashboard's read
 * and (c) a municipal dashboard's read — the query the report API makes: one organisation's rows of
 * report_figures plus its children's headline rows (findFigures), p50/p95 of RUNS reads.
 * Run alone: `node --import tsx bench/reports.ts [--students 220000] [--schools 800] [--runs 50]
 * [--reuse DB] [--keep] [--write]` (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test;
 * it creates and drops its own database unless --reuse; --write puts the section into BENCHMARKS.md).
 */

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const students = Number(arg('students', '220000'));
const schools = Number(arg('schools', '800'));
const runs = Number(arg('runs', '50'));

function urlOf(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(query);
  await c.end();
}

/** Times `fn` RUNS times after two warm-up calls; p50 and p95 in ms. */
async function timeReads(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; rows: number }> {
  let rows = 0;
  for (let i = 0; i < 2; i++) rows = ((await fn()) as unknown[]).length;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), rows };
}

/** The dashboard's read of `orgId`: its every row, and its children's headline rows. */
function dashboardRead(database: Database, period: string, orgId: string, children: string[]) {
  return () =>
    database.read(async (db) => [
      ...(await findFigures(db, period, [orgId])),
      ...(await findFigures(db, period, children, CHILD_INDICATORS)),
    ]);
}

/**
 * The report API over HTTP: the app started on the bench database, signed in as the generated national
 * admin, auditor and the coordinator of the largest municipality; RUNS sequential GETs each.
 */
async function timeHttp(
  database: Database,
  name: string,
  period: string,
  nationId: string,
  municipalityId: string,
) {
  const [coordinator] = await database.read((db) =>
    queryRows<{ email: string }>(
      db,
      sql`select u.email from users u join role_grants g on g.user_id = u.id
          where g.role = 'municipal_coordinator' and g.org_id = ${municipalityId} order by u.email limit 1`,
    ),
  );
  if (!coordinator) throw new Error('the largest municipality has no coordinator');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { child } = await startServer({ DATABASE_URL: urlOf(name), PUMPURS_DEMO: 'off' }, port);
  try {
    const time = async (email: string, org: string) => {
      const { cookie } = await signInHttp(base, email, DEFAULT_GENERATED_PASSWORD);
      const url = `${base}/api/reports/indicators?org=${org}&period=${period}`;
      await loadGet(url, cookie, 2, 1);
      const r = await loadGet(url, cookie, runs, 1);
      if (r.failures > 0) throw new Error(`${r.failures} of ${runs} report requests failed`);
      return r;
    };
    return {
      national: await time(`admin@${GENERATED_DOMAIN}`, nationId),
      auditor: await time(`auditors@${GENERATED_DOMAIN}`, nationId),
      municipal: await time(coordinator.email, municipalityId),
    };
  } finally {
    await stopServer(child, 10_000);
  }
}

async function main(): Promise<void> {
  const reuse = arg('reuse', '');
  const name = reuse || `pumpurs_bench_reports_${Date.now().toString(36)}`;
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  let generateSeconds: number | null = null;
  if (!reuse) {
    await admin(`create database ${name}`);
    console.error(`bench/reports: generating ${students} students in ${schools} schools into ${name}`);
    const t = performance.now();
    const res = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli.ts',
        'generate',
        '--students',
        String(students),
        '--schools',
        String(schools),
        '--database-url',
        urlOf(name),
      ],
      { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 2, 'inherit'] },
    );
    if (res.status !== 0) throw new Error(`the generator failed (exit ${res.status})`);
    generateSeconds = (performance.now() - t) / 1000;
  }
  const database = await openPostgres(urlOf(name), 4);
  try {
    const counts = await database.read((db) =>
      queryRows<Record<string, number>>(
        db,
        sql`select (select count(*) from students)::int as students, (select count(*) from organisations where type = 'school')::int as schools,
          (select count(*) from plans)::int as plans, (select count(*) from plan_events)::int as plan_events,
          (select count(*) from student_risks)::int as risks, (select count(*) from student_indicators)::int as indicators,
          (select count(*) from support_sessions)::int as sessions, (select count(*) from session_participants)::int as participants,
          (select count(*) from economic_payments)::int as payments, (select count(*) from referrals)::int as referrals,
          (select count(*) from student_outcomes)::int as outcomes`,
      ),
    );
    const semester = await database.read((db) => findCurrentSemester(db));
    if (!semester) throw new Error('no current semester');
    const current = `${semester.schoolYear}-${semester.number}`;
    const year = String(semester.schoolYear);
    console.error('bench/reports: refreshing');
    // The whole call (flag counts made current first) and the figures' own transaction (durationMs).
    const timed = async (period: string) => {
      const t = performance.now();
      const r = await refreshReportFigures(database, period);
      return { ...r, wallMs: performance.now() - t };
    };
    // As on a new school day: the kept day counts are forgotten, so the first refresh recounts the flags.
    await database.withTx((tx) => tx.execute(sql`delete from indicator_flag_days`));
    const refreshSemester = await timed(current);
    const refreshYear = await timed(year);
    const refreshAgain = await timed(current);
    const orgs = await database.read((db) =>
      queryRows<{ id: string; type: string; parent_id: string | null; children: number }>(
        db,
        sql`select o.id, o.type, o.parent_id, (select count(*) from organisations c where c.parent_id = o.id and c.type in ('school', 'municipality'))::int as children
            from organisations o where o.type in ('nation', 'municipality', 'school')`,
      ),
    );
    const nation = orgs.find((o) => o.type === 'nation');
    if (!nation) throw new Error('no nation');
    const childrenOf = (id: string) =>
      orgs
        .filter((o) => o.parent_id === id && (o.type === 'school' || o.type === 'municipality'))
        .map((o) => o.id);
    const biggest = orgs.filter((o) => o.type === 'municipality').sort((a, b) => b.children - a.children)[0];
    console.error('bench/reports: timing the dashboard reads');
    const national = await timeReads(dashboardRead(database, current, nation.id, childrenOf(nation.id)));
    const municipal = await timeReads(dashboardRead(database, current, biggest.id, childrenOf(biggest.id)));
    const nationalYear = await timeReads(dashboardRead(database, year, nation.id, childrenOf(nation.id)));
    console.error('bench/reports: timing GET /api/reports/indicators over HTTP');
    const http = await timeHttp(database, name, current, nation.id, biggest.id);
    const c = counts[0];
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const section = `## Reports read model (issue 14)

${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`node --import tsx bench/reports.ts --students ${students} --schools ${schools} --runs ${runs}\`
on the local PostgreSQL, ${os.cpus().length} cores shared with other work (load average at the start ${loadAtStart}, at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}).
Data set: ${generateSeconds === null ? `a database the generator filled earlier (--reuse ${name}, generated with the same options)` : `the generator, ${generateSeconds.toFixed(0)} s`} — ${c.students} students,
${c.schools} schools, ${c.plans} plans (${c.plan_events} plan events), ${c.risks} risk records, ${c.indicators} indicator rows, ${c.sessions} sessions
(${c.participants} participations), ${c.payments} payments, ${c.referrals} referrals, ${c.outcomes} outcomes (the generator makes none).

| what | measured (whole call; of it the figures' transaction) | goal |
|---|---:|---:|
| (a) full refresh of the current semester ${current} (${refreshSemester.rows} rows) | ${s(refreshSemester.wallMs)}; ${s(refreshSemester.durationMs)} | < 2 min |
| (a) full refresh of its school year ${year} (${refreshYear.rows} rows) | ${s(refreshYear.wallMs)}; ${s(refreshYear.durationMs)} | < 2 min |
| (a) the semester again (warm cache) | ${s(refreshAgain.wallMs)}; ${s(refreshAgain.durationMs)} | < 2 min |
| (b) national dashboard read, ${current}: nation's rows + ${childrenOf(nation.id).length} children's headline rows (${national.rows} rows), p50 / p95 | ${national.p50.toFixed(1)} / ${national.p95.toFixed(1)} ms | < 1 s |
| (b) the same for the school year ${year} (${nationalYear.rows} rows), p50 / p95 | ${nationalYear.p50.toFixed(1)} / ${nationalYear.p95.toFixed(1)} ms | < 1 s |
| (c) municipal dashboard read, the largest municipality (${childrenOf(biggest.id).length} schools, ${municipal.rows} rows), p50 / p95 | ${municipal.p50.toFixed(1)} / ${municipal.p95.toFixed(1)} ms | < 300 ms |
| (b) over HTTP: \`GET /api/reports/indicators?org=<nation>&period=${current}\` as the national admin (the whole answer: figures, labels, children), p50 / p95 | ${http.national.p50.toFixed(1)} / ${http.national.p95.toFixed(1)} ms | < 1 s |
| (b) the same as the auditor (suppressed), p50 / p95 | ${http.auditor.p50.toFixed(1)} / ${http.auditor.p95.toFixed(1)} ms | < 1 s |
| (c) over HTTP: the largest municipality as its coordinator, p50 / p95 | ${http.municipal.p50.toFixed(1)} / ${http.municipal.p95.toFixed(1)} ms | < 300 ms |

The in-process reads are findFigures (server/domains/reports/refresh-repo.ts), the query the report API makes
(service time, no HTTP); the HTTP rows are the app (server/main.ts through tsx, on the same database) answering one
request at a time, ${runs} each after two warm-ups, sign-in excluded; each is a range read of report_figures' primary key (period, org_id, …): no index was added.
The refresh times are refreshReportFigures's own duration (the period's transaction: delete, every indicator's
INSERT … GROUP BY GROUPING SETS, the report_refreshes row); the whole call also makes the flag counts current
(the first one recounts every flag of the semester: the kept day counts are deleted before it, as on a new school day).
`;
    console.log(section);
    if (flag('write')) insertSection('BENCHMARKS.md', section);
  } finally {
    await database.close();
    if (!reuse && !flag('keep')) await admin(`drop database if exists ${name} with (force)`);
    else console.error(`bench/reports: kept database ${name}`);
  }
}

await main();
