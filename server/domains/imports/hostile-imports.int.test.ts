import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classListCsv, classListRows } from '../../../test/fixtures.ts';
import { manyRowsXlsx, wideSheetXlsx, zipBombXlsx } from '../../../test/hostile-files.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { nowMs } from '../../platform/clock.ts';
import { releaseImportLock, takeImportLock } from './repo.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: TestServer;
let koordS1: TestClient;
let schoolId: string;
const files: Record<'wide' | 'bomb' | 'rows', Buffer> = {} as never;

beforeAll(async () => {
  server = await createTestServer();
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await (await server.signIn('admin')).get('/api/organisations')).json().items as {
    id: string;
    code: string;
  }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
  files.wide = await wideSheetXlsx(3000);
  files.bomb = zipBombXlsx(1000);
  files.rows = await manyRowsXlsx(200_000);
  // The first answer of a route compiles its serialiser: measure the import, not that.
  await server.client().get('/api/health');
}, 120_000);
afterAll(() => server.close());

const targets = {
  'class list': () => `/api/imports/students?schoolId=${schoolId}&fileName=saraksts.xlsx`,
  'e-journal': () => `/api/ejournal/import?schoolId=${schoolId}&kind=attendance&fileName=kavejumi.xlsx`,
};

function upload(url: string, content: Buffer | string, type = XLSX) {
  return koordS1.request('POST', url, content, { headers: { 'content-type': type } });
}

/** Uploads while asking /api/health every 25 ms; answers the upload, its time and the slowest health answer. */
async function uploadWhileWatchingHealth(url: string, content: Buffer) {
  const anonymous = server.client();
  let done = false;
  let slowest = 0;
  let healthChecks = 0;
  const watch = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await anonymous.get('/api/health');
      expect(res.statusCode).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      healthChecks++;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const started = performance.now();
  const res = await upload(url, content);
  const elapsed = performance.now() - started;
  done = true;
  await watch;
  return { res, elapsed, slowest, healthChecks };
}

describe.each(Object.entries(targets))('a hostile XLSX sent to the %s import', (_name, url) => {
  it.each([
    ['a wide sheet (a header cell in XFD1)', 'wide', 400, 'import_too_many_columns'],
    ['a zip bomb (1 GB declared inside 4 MB)', 'bomb', 413, 'import_too_large'],
    ['200,000 rows', 'rows', 413, 'import_too_many_rows'],
  ] as const)(
    'refuses %s within 2 s while /api/health answers in under 100 ms',
    async (_what, file, status, code) => {
      const { res, elapsed, slowest, healthChecks } = await uploadWhileWatchingHealth(url(), files[file]);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toBeTruthy();
      expect(elapsed).toBeLessThan(2000);
      expect(healthChecks).toBeGreaterThan(0);
      expect(slowest).toBeLessThan(100);
    },
    60_000,
  );
});

describe('one running import per school', () => {
  it('refuses a second import with 409 while another holds the school, then accepts it', async () => {
    // Another app instance holding the school's import is a committed row in the database.
    const lock = {
      schoolId,
      token: 'other-instance',
      startedAt: new Date(nowMs()),
      expiresAt: new Date(nowMs() + 60_000),
    };
    expect(await server.database.withTx((tx) => takeImportLock(tx, lock))).toBe(true);
    const csv = classListCsv(classListRows(5, 31));
    const refused = await upload(targets['class list'](), csv, 'text/csv');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('import_running');
    const ejournal = await upload(
      targets['e-journal'](),
      'Personas kods;Datums;Kavējuma veids\n',
      'text/csv',
    );
    expect(ejournal.statusCode).toBe(409);
    await server.database.withTx((tx) => releaseImportLock(tx, schoolId, 'other-instance'));
    expect((await upload(targets['class list'](), csv, 'text/csv')).statusCode).toBe(201);
  });

  it('lets one of two simultaneous uploads for a school run and refuses the other', async () => {
    const big = classListCsv(classListRows(30_000, 32));
    const both = await Promise.all([
      upload(targets['class list'](), big, 'text/csv'),
      upload(targets['class list'](), big, 'text/csv'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  }, 60_000);

  it('takes over a lock left by an instance that died once it has expired', async () => {
    const stale = {
      schoolId,
      token: 'dead-instance',
      startedAt: new Date(nowMs() - 3_600_000),
      expiresAt: new Date(nowMs() - 60_000),
    };
    expect(await server.database.withTx((tx) => takeImportLock(tx, stale))).toBe(true);
    const res = await upload(targets['class list'](), classListCsv(classListRows(5, 33)), 'text/csv');
    expect(res.statusCode).toBe(201);
  });
});
