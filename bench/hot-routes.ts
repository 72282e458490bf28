import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { freePort, loadGet, percentile, signInHttp, startServer, stopServer } from './lib.ts';

/**
 * The request paths people wait on: a student page, a plan page, a teacher's students, the watch
 * list, and the students list's first and a deep page. Latency p50/p95 per route (the queries per
 * route are counted by test/query-budgets.int.test.ts). Run alone: `node --import tsx bench/hot-routes.ts`;
 * `… bench/hot-routes.ts --compare <commit>` runs the code of <commit> beside this code and prints both.
 */
const fmt = (n: number) => n.toFixed(1);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = 4;
/** Alternating turns per route in the before/after comparison. */
const ROUNDS = 6;

async function getJson(url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

/** The URL of the students list's page `n` (1-based, 20 a page), by cursor when the API gives one. */
async function deepPageUrl(base: string, cookie: string, n: number): Promise<{ url: string; page: number }> {
  let url = `${base}/api/students?pageSize=20`;
  let page = 1;
  for (; page < n; page++) {
    const body = await getJson(url, cookie);
    const items = body.items as unknown[];
    if (items.length < 20) break;
    if ('nextCursor' in body) {
      if (!body.nextCursor) break;
      url = `${base}/api/students?pageSize=20&cursor=${encodeURIComponent(String(body.nextCursor))}`;
    } else url = `${base}/api/students?pageSize=20&page=${page + 1}`;
  }
  return { url, page };
}

/** The hot routes of one running server, signed in; each entry is [name, url, cookie]. */
async function hotRoutes(base: string): Promise<[string, string, string][]> {
  const koord = await signInHttp(base, 'koord.s1@demo.pumpurs.lv', DEMO_PASSWORD);
  const teacher = await signInHttp(base, 'skolotajs.s1@demo.pumpurs.lv', DEMO_PASSWORD);
  const student = (
    (await getJson(`${base}/api/students?pageSize=1`, koord.cookie)).items as { id: string }[]
  )[0];
  const plan = ((await getJson(`${base}/api/plans?pageSize=1`, koord.cookie)).items as { id: string }[])[0];
  const deep = await deepPageUrl(base, koord.cookie, 10);
  await loadGet(`${base}/api/me`, koord.cookie, 100, CONCURRENCY); // warm-up
  return [
    ['GET /api/me', `${base}/api/me`, koord.cookie],
    ['student page (GET /api/students/:id)', `${base}/api/students/${student.id}`, koord.cookie],
    ['plan page (GET /api/plans/:id)', `${base}/api/plans/${plan.id}`, koord.cookie],
    ['my students (teacher, GET /api/students)', `${base}/api/students`, teacher.cookie],
    ['watch list (GET /api/watch-list)', `${base}/api/watch-list`, koord.cookie],
    ['students list, page 1 (20)', `${base}/api/students?pageSize=20`, koord.cookie],
    [`students list, page ${deep.page} (20)`, deep.url, koord.cookie],
  ];
}

export async function benchHotRoutes(label: string, env: Record<string, string>): Promise<void> {
  const port = await freePort();
  const { child } = await startServer(env, port);
  try {
    for (const [name, url, cookie] of await hotRoutes(`http://127.0.0.1:${port}`)) {
      const r = await loadGet(url, cookie, REQUESTS, CONCURRENCY);
      console.log(
        `| ${label} | ${name} | p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, ${fmt(r.rps)} req/s, failures ${r.failures} |`,
      );
    }
  } finally {
    await stopServer(child);
  }
}

/**
 * Before/after in one run: this code and the code of `before` (a checkout folder) serve the same demo
 * side by side (each its own database); each route is loaded in ROUNDS alternating turns, so both
 * see the same machine load, and the table gives p50/p95 of each and the ratio after/before.
 */
export async function compareHotRoutes(
  label: string,
  before: string,
  envOf: (which: 'before' | 'after') => Record<string, string>,
): Promise<void> {
  const sides = [] as {
    which: 'before' | 'after';
    child: import('node:child_process').ChildProcess;
    routes: [string, string, string][];
  }[];
  try {
    for (const which of ['before', 'after'] as const) {
      const port = await freePort();
      const { child } = await startServer(envOf(which), port, which === 'before' ? before : undefined);
      sides.push({ which, child, routes: [] });
      sides[sides.length - 1].routes = await hotRoutes(`http://127.0.0.1:${port}`);
    }
    const per = Math.max(1, Math.round(REQUESTS / ROUNDS));
    for (let r = 0; r < sides[0].routes.length; r++) {
      const lat: Record<string, number[]> = { before: [], after: [] };
      let failures = 0;
      for (let round = 0; round < ROUNDS; round++)
        for (const side of round % 2 ? [...sides].reverse() : sides) {
          const [, url, cookie] = side.routes[r];
          const res = await loadGet(url, cookie, per, CONCURRENCY);
          lat[side.which].push(...res.latencies);
          failures += res.failures;
        }
      const stat = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
      };
      const b = stat(lat.before);
      const a = stat(lat.after);
      console.log(
        `| ${label} | ${sides[1].routes[r][0]} | ${fmt(b.p50)} / ${fmt(b.p95)} | ${fmt(a.p50)} / ${fmt(a.p95)} | ${(a.p50 / b.p50).toFixed(2)} | ${failures} |`,
      );
    }
  } finally {
    for (const side of sides) await stopServer(side.child);
  }
}

/** A PostgreSQL database made for one bench run, dropped by `drop`. */
async function scratchDatabase(pgUrl: string, tag: string) {
  const name = `pumpurs_bench_${tag}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The code of `commit` in a temporary folder that shares this checkout's node_modules. */
function checkoutOf(commit: string): string {
  if (!/^[0-9a-f]{7,40}$/i.test(commit)) throw new Error(`not a commit id: ${commit}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-before-'));
  execSync(`git archive ${commit} | tar -x -C "${dir}"`, { stdio: 'inherit' });
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

async function main() {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const at = process.argv.indexOf('--compare');
  if (at >= 0) {
    const before = checkoutOf(process.argv[at + 1] ?? '');
    const dirs = {
      before: mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-hot-')),
      after: mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-hot-')),
    };
    console.log(
      '| database | route | before p50 / p95 ms | after p50 / p95 ms | after ÷ before (p50) | failures |\n|---|---|---|---|---|---|',
    );
    try {
      await compareHotRoutes('pglite', before, (which) => ({ PUMPURS_DATA_DIR: dirs[which] }));
      const dbs = {
        before: await scratchDatabase(pgUrl, 'before'),
        after: await scratchDatabase(pgUrl, 'after'),
      };
      try {
        await compareHotRoutes('postgres', before, (which) => ({ DATABASE_URL: dbs[which].url }));
      } finally {
        await dbs.before.drop();
        await dbs.after.drop();
      }
    } finally {
      for (const dir of [before, dirs.before, dirs.after]) rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  console.log('| database | route | result |\n|---|---|---|');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-hot-'));
  try {
    await benchHotRoutes('pglite', { PUMPURS_DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const db = await scratchDatabase(pgUrl, 'hot');
  try {
    await benchHotRoutes('postgres', { DATABASE_URL: db.url });
  } finally {
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
