import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/platform/config.ts';
import { type Database, openPglite, openPostgres, queryRows } from '../server/platform/db.ts';
import { moveClockIntoSemester, resetClock } from './calendar.ts';
import { testTarget } from './database.ts';
import { snapshot } from './migration/plan-content.ts';

/**
 * Migration 0015 moves the live plan content from JSON into tables. This builds a database with the
 * code as it was at migration 0014 (a `git archive` of that commit, run as a child process): the
 * demo, plus more measures per plan, sessions, payments, a return with comments on measures, a
 * revision that dropped a measure with a session, and a copied plan. It takes what every reader of
 * the content shows (plan JSON, diff, progress, PDF text, timesheets, "my students"), then opens the
 * same database with this code — which runs 0015 — and expects exactly the same.
 */
const AT_0014 = '5e326bfa10f88a2e0e4a7ebd3db82bff0890fa2e';
const run = promisify(execFile);

const work = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-0015-'));
let database: Database | null = null;
let dropPostgres: (() => Promise<void>) | null = null;

afterAll(async () => {
  resetClock();
  await database?.close();
  await dropPostgres?.();
  rmSync(work, { recursive: true, force: true });
});

async function postgresDatabase(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `pumpurs_m15_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  dropPostgres = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('migration 0015: relational plan content', () => {
  it('shows every plan, its progress, PDF, the timesheets and "my students" exactly as before', {
    timeout: 1_200_000,
  }, async () => {
    // The code at 0014, with this checkout's packages and the two migration helpers and the PDF reader.
    const old = path.join(work, 'at-0014');
    execFileSync('mkdir', ['-p', old]);
    execFileSync('sh', [
      '-c',
      `git archive ${AT_0014} server common test package.json tsconfig.json | tar -x -C "${old}"`,
    ]);
    symlinkSync(path.resolve('node_modules'), path.join(old, 'node_modules'));
    execFileSync('mkdir', ['-p', path.join(old, 'test', 'migration')]);
    for (const f of ['plan-content.ts', 'at-0014.ts'])
      execFileSync('cp', [path.resolve('test/migration', f), path.join(old, 'test', 'migration', f)]);
    execFileSync('cp', [path.resolve('test/pdf.ts'), path.join(old, 'test', 'pdf.ts')]);
    const postgres = testTarget() === 'postgres';
    const env: Record<string, string> = postgres
      ? { PUMPURS_MIGRATION_URL: await postgresDatabase() }
      : { PUMPURS_MIGRATION_PGLITE: path.join(work, 'db') };
    const out = path.join(work, 'before.json');
    await run(process.execPath, ['--import', 'tsx', 'test/migration/at-0014.ts', out], {
      cwd: old,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    const before = JSON.parse(readFileSync(out, 'utf8'));

    // The same database opened by this code: 0015 runs.
    database = postgres
      ? await openPostgres(env.PUMPURS_MIGRATION_URL, 2)
      : await openPglite(env.PUMPURS_MIGRATION_PGLITE);
    const rows = await database.read((db) =>
      queryRows<{ removed: number; comments: number; copied: number; sessions: number }>(
        db,
        sql`select (select count(*)::int from plan_measures where removed_at is not null) as removed,
          (select count(*)::int from plan_event_measure_comments) as comments,
          (select count(*)::int from plans where copied_from_plan_id is not null) as copied,
          (select count(*)::int from session_participants) as sessions`,
      ),
    );
    // The data holds what the test is about: a removed measure kept for its session and comment, comments, a copy.
    expect(rows[0]).toMatchObject({ removed: 2, comments: 2, copied: 1, sessions: 2 });
    // The same day of the semester as the old run (the clock decides which actions are allowed).
    await moveClockIntoSemester(database);
    const app = await buildApp({
      config: loadConfig({ logLevel: 'silent', loadDemo: false }),
      database,
      serveClient: false,
    });
    await app.ready();
    const after = await snapshot(app, before.months);
    await app.close();
    const plans = Object.keys(before.snapshot.plans);
    expect(plans.length).toBeGreaterThan(12);
    expect(Object.keys(after.plans as object).sort()).toEqual(plans.sort());
    for (const id of plans) {
      const a = (after.plans as Record<string, { pdfText: string }>)[id];
      const b = before.snapshot.plans[id] as { pdfText: string };
      // The data is the same; what later issues added on top (the schedule's counts in the progress, the
      // payroll identifiers) is left out of the comparison.
      expect(withoutAdded(a), `plan ${id}`).toEqual(withoutAdded(b));
      // The PDF gained sections (providers, approval history, signature lines, "Lapa X no Y") and its labels
      // follow the glossary; every word the old PDF printed, but the renamed labels, is still printed.
      const words = new Set(a.pdfText.split(/\s+/));
      const missing = b.pdfText
        .split(/\s+/)
        .filter((w) => !words.has(w) && !RENAMED.has(w) && !/^\d+\/\d+$/.test(w));
      expect(missing, `plan ${id} PDF`).toEqual([]);
    }
    expect(withoutAdded(after.timesheets)).toEqual(withoutAdded(before.snapshot.timesheets));
    expect(after.myMeasures).toEqual(before.snapshot.myMeasures);
  });
});

/** Labels of the old PDF renamed by the glossary (izglītojamais → skolēns, izglītības iestāde → skola). */
const RENAMED = new Set([
  'Izglītības',
  'iestāde',
  'iestādes',
  'Izglītojamais',
  'Izglītojamais:',
  'Izglītības',
]);
/** Keys added to the API answers after 0015 (scheduling, payroll identifiers) and the PDF text. */
const ADDED = new Set([
  'pdfText',
  'deliveredSessions',
  'scheduledSessions',
  'scheduledHours',
  'scheduledMinutes',
  'employeeId',
  'position',
]);
function withoutAdded(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutAdded);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !ADDED.has(k))
        .map(([k, x]) => [k, withoutAdded(x)]),
    );
  return v;
}
