import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { freePort, loadGet, signInHttp, startServer, stopServer } from './lib.ts';

/**
 * The request paths people wait on: a student page, a plan page, a teacher's students, the watch
 * list, and the students list's first and a deep page. Latency p50/p95 per route (the queries per
 * route are counted by test/query-budgets.int.test.ts). Run alone: `node --import tsx bench/hot-routes.ts`.
 */
const fmt = (n: number) => n.toFixed(1);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = 4;

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

export async function benchHotRoutes(label: string, env: Record<string, string>): Promise<void> {
  const port = await freePort();
  const { child } = await startServer(env, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const koord = await signInHttp(base, 'koord.s1@demo.pumpurs.lv', DEMO_PASSWORD);
    const teacher = await signInHttp(base, 'skolotajs.s1@demo.pumpurs.lv', DEMO_PASSWORD);
    const student = (
      (await getJson(`${base}/api/students?pageSize=1`, koord.cookie)).items as { id: string }[]
    )[0];
    const plan = ((await getJson(`${base}/api/plans?pageSize=1`, koord.cookie)).items as { id: string }[])[0];
    const deep = await deepPageUrl(base, koord.cookie, 10);
    await loadGet(`${base}/api/me`, koord.cookie, 100, CONCURRENCY); // warm-up
    const routes: [string, string, string][] = [
      ['GET /api/me', `${base}/api/me`, koord.cookie],
      ['student page (GET /api/students/:id)', `${base}/api/students/${student.id}`, koord.cookie],
      ['plan page (GET /api/plans/:id)', `${base}/api/plans/${plan.id}`, koord.cookie],
      ['my students (teacher, GET /api/students)', `${base}/api/students`, teacher.cookie],
      ['watch list (GET /api/watch-list)', `${base}/api/watch-list`, koord.cookie],
      ['students list, page 1 (20)', `${base}/api/students?pageSize=20`, koord.cookie],
      [`students list, page ${deep.page} (20)`, deep.url, koord.cookie],
    ];
    for (const [name, url, cookie] of routes) {
      const r = await loadGet(url, cookie, REQUESTS, CONCURRENCY);
      console.log(
        `| ${label} | ${name} | p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, ${fmt(r.rps)} req/s, failures ${r.failures} |`,
      );
    }
  } finally {
    await stopServer(child);
  }
}

async function main() {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.log('| database | route | result |\n|---|---|---|');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-hot-'));
  try {
    await benchHotRoutes('pglite', { PUMPURS_DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const name = `pumpurs_bench_hot_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  try {
    await benchHotRoutes('postgres', { DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
