import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { ensureWebBuilt } from '../server/platform/web-build.ts';
import { benchStudentImport } from './import-students.ts';
import { freePort, loadGet, signInHttp, startServer, stopServer } from './lib.ts';
import { benchWatchList } from './watch-list.ts';

/**
 * The earlier `npm run bench` (issues 1–10): start-up times and closed-loop API latency on PGlite and
 * PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), the 20,000-row
 * class-list import and the watch list at school scale. Run alone: `node --import tsx bench/earlier.ts`.
 */
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// A free port chosen at start, so a server left running elsewhere cannot answer in our place.
const PORT = await freePort();
const fmt = (n: number) => n.toFixed(1);

async function benchApi(label: string, env: Record<string, string>) {
  const { child, ms } = await startServer(env, PORT);
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const { cookie } = await signInHttp(base, 'koord.ziemelu@demo.pumpurs.lv', DEMO_PASSWORD);
    await loadGet(`${base}/api/me`, cookie, 100, 4); // warm-up
    const me = await loadGet(`${base}/api/me`, cookie, 2000, 8);
    const users = await loadGet(`${base}/api/users?pageSize=50`, cookie, 500, 8);
    const orgs = await loadGet(`${base}/api/organisations`, cookie, 1000, 8);
    console.log(`| ${label} | start to health 200 | ${fmt(ms)} ms |`);
    for (const [name, r] of [
      ['GET /api/me', me],
      ['GET /api/users (50, audited)', users],
      ['GET /api/organisations', orgs],
    ] as const) {
      console.log(
        `| ${label} | ${name} | ${fmt(r.rps)} req/s, p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, failures ${r.failures} |`,
      );
    }
  } finally {
    await stopServer(child);
  }
}

async function main() {
  await ensureWebBuilt();
  console.log('| database | measure | result |\n|---|---|---|');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-bench-'));
  try {
    const first = await startServer({ PUMPURS_DATA_DIR: dir }, PORT);
    await stopServer(first.child);
    console.log(
      `| pglite | cold start, empty data folder (create, migrate, demo) to health 200 | ${fmt(first.ms)} ms |`,
    );
    await benchApi('pglite', { PUMPURS_DATA_DIR: dir });
    benchStudentImport('pglite', { PUMPURS_DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const name = `pumpurs_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch {
    console.log('| postgres | (not reachable; skipped) | |');
    return;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    const first = await startServer({ DATABASE_URL: url.toString() }, PORT);
    await stopServer(first.child);
    console.log(
      `| postgres | first start, empty database (migrate, demo) to health 200 | ${fmt(first.ms)} ms |`,
    );
    await benchApi('postgres', { DATABASE_URL: url.toString() });
    benchStudentImport('postgres', { DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  await benchWatchList(PG_URL);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
