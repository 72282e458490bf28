import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { now } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
let koordS1: TestClient;
let schoolId: string;
let studentId: string;
let cal: TestCalendar;
const code = makeOldPersonalCode('2011-05-06', 731);
const pc = `${code.slice(0, 6)}-${code.slice(6)}`;
const d = (week: number, plus = 0) => cal.lv(cal.weekday(week, plus));
const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

function importFile(kind: string, body: string | Buffer, background = false) {
  return koordS1.request(
    'POST',
    `/api/ejournal/import?schoolId=${schoolId}&kind=${kind}&fileName=${kind}.csv${background ? '&background=true' : ''}`,
    body,
    { headers: { 'content-type': 'text/csv' } },
  );
}

const attendanceCount = () =>
  server.database
    .read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from attendance where student_id = ${studentId}`,
      ),
    )
    .then((r) => Number(r[0].n));

/** Polls the job runner until the job has ended. */
async function finished(jobId: string) {
  for (;;) {
    const job = await server.app.jobs.get(jobId);
    if (job && (job.state === 'done' || job.state === 'failed')) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  const admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
  studentId = (
    await koordS1.post('/api/students', {
      personalCode: code,
      firstName: 'Straumes',
      lastName: 'Skolēns',
      schoolId,
      classLabel: '7.b',
      grade: 7,
    })
  ).json().id;
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('the streamed e-journal import', () => {
  it('takes a row given twice alike once, and refuses a file giving one lesson two ways', async () => {
    const same = csv([
      'Personas kods;Datums;Stunda;Kavējuma veids',
      `${pc};${d(0)};1;n`,
      `${pc};${d(0)};1;n`,
      `${pc};${d(0)};2;s`,
    ]);
    const ok = await importFile('attendance', same);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ rows: 3, inserted: 2, updated: 0, unchanged: 0, studentsRefreshed: 1 });

    const clash = csv([
      'Personas kods;Datums;Stunda;Kavējuma veids',
      `${pc};${d(0)};3;n`,
      `${pc};${d(0)};1;n`,
      `${pc};${d(0)};3;s`,
      `${pc};${d(0)};4;x`,
    ]);
    const refused = await importFile('attendance', clash);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((e: { path: string }) => e.path)).toEqual([
      'row.4.date',
      'row.5.reason',
    ]);
    expect(await attendanceCount()).toBe(2);
  });

  it('reads quoted fields, a Windows-1257 file and a semicolon inside quotes', async () => {
    const quoted = csv([
      'Personas kods;Datums;Veids;Piezīme',
      `"${pc}";${d(1)};negatīva;"Traucēja; runāja ""skaļi"""`,
    ]);
    const res = await importFile('behaviour', quoted);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 1 });
    const notes = await server.database.read((db) =>
      queryRows<{ note: string }>(db, sql`select note from behaviour_notes where student_id = ${studentId}`),
    );
    expect(notes.map((n) => n.note)).toEqual(['Traucēja; runāja "skaļi"']);

    // "Priekšmets" and "Ģeogrāfija" in Windows-1257: š = 0xF0, Ģ = 0xCC, ā = 0xE2.
    const win = Buffer.concat([
      Buffer.from('Personas kods;Datums;Priek'),
      Buffer.from([0xf0]),
      Buffer.from('mets;V'),
      Buffer.from([0xe7]),
      Buffer.from(`rt${String.fromCharCode(0x65)}jums\r\n${pc};${d(1)};`),
      Buffer.from([0xcc]),
      Buffer.from('eogr'),
      Buffer.from([0xe2]),
      Buffer.from('fija;7\r\n'),
    ]);
    const marks = await importFile('marks', win);
    expect(marks.statusCode, marks.body).toBe(200);
    const subjects = await server.database.read((db) =>
      queryRows<{ subject: string }>(db, sql`select subject from marks where student_id = ${studentId}`),
    );
    expect(subjects.map((s) => s.subject)).toEqual(['Ģeogrāfija']);
  });

  it('runs in the background with 202 and a job id, reporting progress and the counts', async () => {
    const lines = ['Personas kods;Datums;Stunda;Kavējuma veids'];
    for (let w = 2; w < 4; w++) for (let l = 1; l <= 7; l++) lines.push(`${pc};${d(w)};${l};+`);
    const res = await importFile('attendance', csv(lines), true);
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(res.json().jobId);
    expect(job).toMatchObject({ state: 'done', done: 100, total: 100, orgId: schoolId });
    expect(job.result).toMatchObject({ kind: 'attendance', rows: 14, inserted: 14 });
    expect(await attendanceCount()).toBe(16);
  });

  it('answers 409 to a second background import of the same school while one is queued or running', async () => {
    const file = csv(['Personas kods;Datums;Stunda;Kavējuma veids', `${pc};${d(5)};1;+`]);
    // An import of this school already under way (another instance, or the first of a double click).
    const running = crypto.randomUUID();
    const at = now().toISOString();
    await server.database.withTx((db) =>
      db.execute(
        sql`insert into job_runs (id, name, data, org_id, singleton_key, state, created_at, updated_at)
            values (${running}, 'ejournal.import', '{}'::jsonb, ${schoolId}, ${`ejournal.import:${schoolId}`},
              'running', ${at}, ${at})`,
      ),
    );
    const refused = await importFile('attendance', file, true);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('import_running');
    expect(refused.json().error.message).toMatch(/jau notiek imports|already running/);
    await server.database.withTx((db) =>
      db.execute(sql`update job_runs set state = 'done' where id = ${running}`),
    );

    // A double click: both requests at once; one job is queued, and the rows arrive once.
    const before = await attendanceCount();
    const both = await Promise.all([
      importFile('attendance', file, true),
      importFile('attendance', file, true),
    ]);
    const statuses = both.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(202);
    expect([202, 409]).toContain(statuses[1]);
    for (const r of both)
      if (r.statusCode === 202) expect((await finished(r.json().jobId)).state).toBe('done');
    expect(await attendanceCount()).toBe(before + 1);
  });

  it('keeps a refused background file’s row errors in the job’s result and writes nothing', async () => {
    const before = await attendanceCount();
    const res = await importFile(
      'attendance',
      csv(['Personas kods;Datums;Stunda;Kavējuma veids', `${pc};${d(4)};1;?`]),
      true,
    );
    expect(res.statusCode).toBe(202);
    const job = await finished(res.json().jobId);
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({
      error: { code: 'ejournal_has_errors', details: [{ path: 'row.2.reason' }] },
    });
    expect(await attendanceCount()).toBe(before);
  });

  it('refuses another school’s import with 404 before reading the file', async () => {
    const s2 = await server.signIn('koord.s2');
    const res = await s2.request(
      'POST',
      `/api/ejournal/import?schoolId=${schoolId}&kind=attendance&fileName=a.csv`,
      csv(['Personas kods;Datums;Kavējuma veids', `${pc};${d(0)};n`]),
      { headers: { 'content-type': 'text/csv' } },
    );
    expect(res.statusCode).toBe(404);
  });
});
