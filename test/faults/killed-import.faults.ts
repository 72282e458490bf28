import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNewPersonalCode } from '../../common/personal-code.ts';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../database.ts';
import { type ClassListRow, classListCsv } from '../fixtures.ts';
import { freePort, HttpClient } from '../instances/cluster.ts';
import { type AppProcess, sqlRows, startApp, waitFor, waitUntilAppReady } from './harness.ts';
import { passSecondFactorHttp } from '../../scripts/second-factor-http.mjs';

/**
 * `kill -9` of the app while it commits a 50,000-row class list: the import is one transaction, so
 * PostgreSQL keeps all of it or none; the school's import lock the dead process held expires on
 * its own (it is renewed only while an import runs); after a restart the same import completes
 * with exactly 50,000 new students and no duplicates.
 */
const ROWS = 50_000;
let database: TestDatabase;
let url: string;
let app: AppProcess | null = null;
let schoolId: string;
const figures: Record<string, string | number> = {};

/** `n` rows with distinct new-form codes, clear of the demo's (the old-form generator runs out past ~35,000). */
function classList(n: number): ClassListRow[] {
  const used = new Set<string>();
  const rows: ClassListRow[] = [];
  for (let seq = 96_000_000; rows.length < n; seq++) {
    const code = makeNewPersonalCode(seq);
    // A serial whose check digit does not exist lands on a neighbour's code: skip repeats.
    if (used.has(code)) continue;
    used.add(code);
    const i = rows.length;
    rows.push({
      personalCode: `${code.slice(0, 6)}-${code.slice(6)}`,
      firstName: ['Anna', 'Jānis', 'Līga', 'Roberts'][i % 4],
      lastName: `Kļūme${i % 97}`,
      classLabel: `${1 + (i % 12)}.${'abc'[i % 3]}`,
    });
  }
  return rows;
}
const rows = classList(ROWS);
const codes = rows.map((r) => r.personalCode.replace('-', ''));

async function signIn(base: string): Promise<HttpClient> {
  const client = new HttpClient(base);
  await client.fetchCsrf();
  const login = await client.request('POST', '/api/auth/login', {
    email: 'koord.s1@demo.pumpurs.lv',
    password: DEMO_PASSWORD,
  });
  expect(login.status).toBe(200);
  // The coordinator's second factor (issue 16): the demo's published code, typed over HTTP.
  const { secondFactor } = login.json() as { secondFactor?: string | null };
  await passSecondFactorHttp(
    base,
    { cookie: client.cookieHeader(), 'x-csrf-token': client.csrf ?? '' },
    'koord.s1@demo.pumpurs.lv',
    secondFactor ?? null,
  );
  return client;
}

/** Students of this import's codes in the register, and their `student.create` audit rows. */
async function imported(): Promise<{ students: number; audits: number }> {
  const [row] = await sqlRows<{ students: number; audits: number }>(
    url,
    `select (select count(*) from students where personal_code = any($1::text[]))::int as students,
            (select count(*) from audit_events a join students s on a.entity_id = s.id::text
               where a.action = 'student.create' and s.personal_code = any($1::text[]))::int as audits`,
    [codes],
    // 50,000 codes against the audit log: a hash join, never a loop over the log per student.
    'set enable_nestloop = off',
  );
  return row;
}

beforeAll(async () => {
  database = await createTestDatabase();
  url = database.env.DATABASE_URL;
  [{ id: schoolId }] = await sqlRows<{ id: string }>(
    url,
    `select id from organisations where code = 'ZIEM-S1'`,
  );
  app = startApp(await freePort(), url);
  figures['app start (ms)'] = await waitUntilAppReady(app);
});

afterAll(async () => {
  await app?.stop();
  console.log(
    `\nFaults, a killed import:\n${Object.entries(figures)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join('\n')}`,
  );
  await database?.drop();
});

describe('kill -9 of the app during a 50,000-row class-list import', () => {
  let importId: string;
  let mapping: unknown;

  it('leaves all of the import or none of it, and no lock that never expires', async () => {
    if (!app) throw new Error('no app');
    const client = await signIn(app.base);
    const t0 = performance.now();
    const csv = classListCsv(rows);
    const upload = await fetch(`${app.base}/api/imports/students?schoolId=${schoolId}&fileName=faults.csv`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        'x-csrf-token': client.csrf ?? '',
        cookie: client.cookieHeader(),
      },
      body: csv,
    });
    expect(upload.status).toBe(201);
    ({ importId, mapping } = (await upload.json()) as { importId: string; mapping: unknown });
    const preview = await client.request('POST', `/api/imports/${importId}/preview`, { mapping });
    expect(preview.status).toBe(200);
    expect((preview.json() as { counts: unknown }).counts).toMatchObject({ new: ROWS, error: 0 });
    figures['upload + preview (ms)'] = Math.round(performance.now() - t0);

    // The commit runs in the background of this test; it is killed once its INSERT is running.
    const commit = client.request('POST', `/api/imports/${importId}/commit`, { mapping }).catch((e) => e);
    const commitStarted = performance.now();
    await waitFor(
      'the commit to insert students',
      async () => {
        const active = await sqlRows(
          url,
          `select 1 from pg_stat_activity where datname = current_database() and state = 'active'
             and pid <> pg_backend_pid() and query ilike '%insert into students%'`,
        );
        return active.length > 0;
      },
      120_000,
      50,
    );
    figures['commit running when killed (ms)'] = Math.round(performance.now() - commitStarted);
    await app.kill9();
    app = null;
    expect(await commit).toBeInstanceOf(Error); // the connection was cut: no answer

    // The dead client's backend notices and rolls back; wait (bounded) until it has gone.
    figures['database backends of the dead app gone after (ms)'] = await waitFor(
      'the killed app’s backends to end',
      async () =>
        (
          await sqlRows(
            url,
            `select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
               and backend_type = 'client backend'`,
          )
        ).length === 0,
      60_000,
    );
    const after = await imported();
    figures['students of the import after the kill'] = after.students;
    expect([0, ROWS]).toContain(after.students);
    expect(after.audits).toBe(after.students);
    const [file] = await sqlRows<{ status: string }>(url, 'select status from import_files where id = $1', [
      importId,
    ]);
    // The import record is not marked done, and not stuck in a state a re-run would refuse.
    expect(file.status).toBe(after.students === ROWS ? 'committed' : 'previewed');
    const locks = await sqlRows<{ left_ms: number }>(
      url,
      `select extract(epoch from expires_at - now()) * 1000 as left_ms from import_locks where school_id = $1`,
      [schoolId],
    );
    // The lock the dead process held (if any) expires within a minute: never a stuck school.
    for (const lock of locks) expect(Number(lock.left_ms)).toBeLessThanOrEqual(61_000);
    figures['lock left by the dead app expires in (ms)'] = locks.length
      ? Math.max(0, Math.round(Number(locks[0].left_ms)))
      : 0;
  });

  it('completes when the same import is run again after a restart, with no duplicates', async () => {
    app = startApp(await freePort(), url);
    figures['app restart (ms)'] = await waitUntilAppReady(app);
    const client = await signIn(app.base);
    let answer: Awaited<ReturnType<HttpClient['request']>> | null = null;
    let refused = 0;
    const t0 = performance.now();
    // 409 import_running while the dead process's lock has not expired, then the commit runs.
    figures['waited for the dead lock (ms)'] = await waitFor(
      'the dead app’s import lock to expire',
      async () => {
        answer = await client.request('POST', `/api/imports/${importId}/commit`, { mapping });
        if (
          answer.status === 409 &&
          (answer.json() as { error: { code: string } }).error.code === 'import_running'
        ) {
          refused += 1;
          return false;
        }
        return true;
      },
      120_000,
      2_000,
    );
    figures['re-run refused with 409 import_running'] = refused;
    figures['re-run commit until answered (ms)'] = Math.round(performance.now() - t0);
    const result = answer as unknown as Awaited<ReturnType<HttpClient['request']>>;
    expect(result.status).toBe(200);
    expect(result.json()).toEqual({ created: ROWS, updated: 0, unchanged: 0, excluded: 0 });
    const after = await imported();
    expect(after).toEqual({ students: ROWS, audits: ROWS });
    const duplicates = await sqlRows<{ n: number }>(
      url,
      `select count(*)::int as n from (select personal_code from students group by personal_code having count(*) > 1) d`,
    );
    expect(duplicates[0].n).toBe(0);
    const [file] = await sqlRows<{ status: string }>(url, 'select status from import_files where id = $1', [
      importId,
    ]);
    expect(file.status).toBe('committed');
    expect(await sqlRows(url, 'select 1 from import_locks where school_id = $1', [schoolId])).toEqual([]);
    // Committing it a third time changes nothing.
    const again = await client.request('POST', `/api/imports/${importId}/commit`, { mapping });
    expect(again.status).toBe(409);
    expect((again.json() as { error: { code: string } }).error.code).toBe('import_committed');
    expect((await imported()).students).toBe(ROWS);
  });
});
