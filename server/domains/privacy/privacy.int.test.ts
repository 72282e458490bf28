import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../../common/format.ts';
import { createTestServer, type TestServer } from '../../../test/server.ts';
import { resetClock, setClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';
import { refreshReportFigures } from '../reports/index.ts';
import { DEFAULT_RETENTION, runRetention, setRetentionSettings } from './index.ts';

let server: TestServer;
const q = <T>(query: ReturnType<typeof sql>) => server.database.withTx((tx) => queryRows<T>(tx, query));

/** A Ziemeļu novads student with a plan (a case record) and one with screening data only. */
let caseStudent: string;
let screenStudent: string;
const ZIEMELU = sql`o.path like (select path || '%' from organisations where name = 'Ziemeļu novads')`;

beforeAll(async () => {
  server = await createTestServer();
  setRetentionSettings(DEFAULT_RETENTION);
  [{ id: caseStudent }] = await q<{ id: string }>(sql`
    select s.id from students s join organisations o on o.id = s.school_id
    where ${ZIEMELU} and exists (select 1 from plans p where p.student_id = s.id)
      and exists (select 1 from guardians g where g.student_id = s.id)
    order by s.id limit 1`);
  [{ id: screenStudent }] = await q<{ id: string }>(sql`
    select s.id from students s join organisations o on o.id = s.school_id
    where ${ZIEMELU} and not exists (select 1 from plans p where p.student_id = s.id)
      and not exists (select 1 from student_risks r where r.student_id = s.id)
      and not exists (select 1 from applications a where a.student_id = s.id)
      and not exists (select 1 from case_notes n where n.student_id = s.id)
      and not exists (select 1 from referrals f where f.student_id = s.id)
      and not exists (select 1 from letters l where l.student_id = s.id)
      and not exists (select 1 from economic_payments e where e.student_id = s.id)
      and exists (select 1 from guardians g where g.student_id = s.id)
    order by s.id limit 1`);
  // The case student left education with a reason in free text (a constraint requires one).
  await q(sql`insert into student_outcomes (student_id, school_year, school_id, outcome, reason)
              select id, 2026, school_id, 'left_education', 'Pārcēlās uz ārzemēm ar ģimeni' from students
              where id = ${caseStudent}
              on conflict (student_id, school_year) do update set outcome = 'left_education',
                reason = 'Pārcēlās uz ārzemēm ar ģimeni'`);
  // Both have left school: the case student at the end of the school year, the other a year earlier.
  await q(sql`update students set status = 'left', status_date = '2027-06-15' where id = ${caseStudent}`);
  await q(
    sql`update students set status = 'graduated', status_date = '2026-06-20' where id = ${screenStudent}`,
  );
});
afterAll(async () => {
  resetClock();
  setRetentionSettings(null);
  await server.close();
});

const studentRow = (id: string) =>
  q<{
    personal_code: string;
    first_name: string;
    last_name: string;
    birth_date: string | null;
    anonymised_at: unknown;
  }>(
    sql`select personal_code, first_name, last_name, birth_date, anonymised_at from students where id = ${id}`,
  ).then((r) => r[0]);
const logRows = (id: string) =>
  q<{ trigger: string; reason: string; erased_by: string | null; cleared: Record<string, number> }>(
    sql`select trigger, reason, erased_by, cleared from erasure_log where student_id = ${id}`,
  );

describe('the retention job', () => {
  it('keeps a student who left until the screening period has run out, then anonymises them once', async () => {
    setClock('2027-06-10', { frozen: true });
    await runRetention(server.database);
    expect((await studentRow(screenStudent)).anonymised_at).toBeNull();

    setClock('2027-06-22', { frozen: true });
    const first = await runRetention(server.database);
    expect(first.anonymised).toBeGreaterThanOrEqual(1);
    const row = await studentRow(screenStudent);
    expect(row.anonymised_at).not.toBeNull();
    expect(row).toMatchObject({ first_name: '', last_name: 'Anonimizēts', birth_date: null });
    expect(row.personal_code).toMatch(/^X[0-9a-f]{32}$/);
    const guardians = await q<{ first_name: string; phone: string | null; email: string | null }>(
      sql`select first_name, phone, email from guardians where student_id = ${screenStudent}`,
    );
    expect(guardians.length).toBeGreaterThan(0);
    for (const g of guardians) expect(g).toEqual({ first_name: '', phone: null, email: null });
    const [log] = await logRows(screenStudent);
    expect(log).toMatchObject({ trigger: 'retention', reason: 'retention_expired', erased_by: null });
    expect(log.cleared['students.personal_code']).toBe(1);
    expect(JSON.stringify(log)).not.toContain('Anonimizēts');

    // The case student's case record is kept (programme documents, 5 years after the case).
    expect((await studentRow(caseStudent)).anonymised_at).toBeNull();
    const again = await runRetention(server.database);
    expect(again.anonymised).toBe(0);
    expect(await logRows(screenStudent)).toHaveLength(1);
  });

  it('deletes import files older than the import period', async () => {
    const [{ id: schoolId }] = await q<{ id: string }>(
      sql`select id from organisations where type = 'school' limit 1`,
    );
    await q(sql`insert into import_files (kind, school_id, file_name, content, status, created_at)
                values ('students', ${schoolId}, 'old.csv', 'x'::bytea, 'done', '2026-01-01T00:00:00Z')`);
    const result = await runRetention(server.database);
    expect(result.importFiles).toBeGreaterThanOrEqual(1);
    expect(await q(sql`select 1 from import_files where file_name = 'old.csv'`)).toHaveLength(0);
  });
});

describe('POST /api/students/:id/erasure', () => {
  it('refuses with 409 naming the end of the retention period while it runs', async () => {
    setClock('2030-03-01', { frozen: true });
    const coordinator = await server.signIn('koord.ziemelu');
    const res = await coordinator.post(`/api/students/${caseStudent}/erasure`, {
      reason: 'data_subject_request',
    });
    expect(res.statusCode).toBe(409);
    const body = res.json().error;
    expect(body.code).toBe('retention_runs');
    // The date as the pages show dates (dd.mm.yyyy), in the message the erase dialog shows.
    expect(body.details[0].message).toContain(formatDate(DEFAULT_RETENTION.programmeUntil));
    expect((await studentRow(caseStudent)).anonymised_at).toBeNull();
  });

  it('refuses in Latvian too, and says when the student still attends', async () => {
    const [{ id: enrolled }] = await q<{ id: string }>(sql`
      select s.id from students s join organisations o on o.id = s.school_id
      where ${ZIEMELU} and s.status = 'enrolled' order by s.id limit 1`);
    const admin = await server.signIn('admin');
    const res = await admin.request(
      'POST',
      `/api/students/${enrolled}/erasure`,
      { reason: 'consent_withdrawn' },
      {
        headers: { 'accept-language': 'lv' },
      },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/glabāšanas termiņš/);
    expect(res.json().error.details[0].message).toMatch(/mācās/);
  });

  it('is 404 for another municipality, 403 for a role without the right, 400 for a bad reason', async () => {
    const other = await server.signIn('koord.dienvidu');
    expect(
      (await other.post(`/api/students/${caseStudent}/erasure`, { reason: 'data_subject_request' }))
        .statusCode,
    ).toBe(404);
    const school = await server.signIn('koord.s1');
    const [{ in_s1 }] = await q<{ in_s1: boolean }>(sql`
      select o.code = (select code from organisations where id = (select home_org_id from users where email = 'koord.s1@demo.pumpurs.lv')) as in_s1
      from students s join organisations o on o.id = s.school_id where s.id = ${caseStudent}`);
    expect(
      (await school.post(`/api/students/${caseStudent}/erasure`, { reason: 'data_subject_request' }))
        .statusCode,
    ).toBe(in_s1 ? 403 : 404);
    // Without a fresh step-up: the same 404 outside the scope (nothing leaks), 403 step_up_required inside.
    const hurried = await server.signIn('koord.dienvidu', { stepUp: false });
    expect(
      (await hurried.post(`/api/students/${caseStudent}/erasure`, { reason: 'data_subject_request' }))
        .statusCode,
    ).toBe(404);
    const own = await server.signIn('koord.ziemelu', { stepUp: false });
    const unconfirmed = await own.post(`/api/students/${caseStudent}/erasure`, {
      reason: 'data_subject_request',
    });
    expect(unconfirmed.statusCode).toBe(403);
    expect(unconfirmed.json().error.code).toBe('step_up_required');
    const admin = await server.signIn('admin');
    const bad = await admin.post(`/api/students/${caseStudent}/erasure`, { reason: 'because' });
    expect(bad.statusCode).toBe(400);
  });

  it('anonymises once the period has run out, leaves the reports unchanged, and a double click erases once', async () => {
    setClock('2035-02-01', { frozen: true });
    const periods = (
      await q<{ period: string }>(sql`select period from report_refreshes order by period`)
    ).map((r) => r.period);
    const figures = async () => {
      for (const p of periods) await refreshReportFigures(server.database, p);
      return q(sql`select period, org_id, indicator, key, value, students from report_figures
                   order by period, org_id, indicator, key`);
    };
    const before = await figures();
    const [{ n: notes }] = await q<{ n: number }>(
      sql`select count(*)::int as n from case_notes where student_id = ${caseStudent}`,
    );

    const coordinator = await server.signIn('koord.ziemelu');
    const kept = (await coordinator.get(`/api/students/${caseStudent}`)).json();
    expect(kept).toMatchObject({ anonymisedAt: null, can: { erase: true } });
    const [a, b] = await Promise.all([
      coordinator.post(`/api/students/${caseStudent}/erasure`, { reason: 'data_subject_request' }),
      coordinator.post(`/api/students/${caseStudent}/erasure`, { reason: 'data_subject_request' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().created, b.json().created].sort()).toEqual([false, true]);
    expect(a.json().id).toBe(b.json().id);
    const [log] = await logRows(caseStudent);
    expect(await logRows(caseStudent)).toHaveLength(1);
    expect(log).toMatchObject({ trigger: 'request', reason: 'data_subject_request' });
    expect(log.erased_by).not.toBeNull();
    expect(log.cleared['plan_goals.text'] ?? log.cleared['plan_measures.description']).toBeGreaterThan(0);

    expect(await studentRow(caseStudent)).toMatchObject({ first_name: '', last_name: 'Anonimizēts' });
    // The student page shows the anonymised state.
    const erased = (await coordinator.get(`/api/students/${caseStudent}`)).json();
    expect(erased).toMatchObject({ firstName: '', lastName: 'Anonimizēts' });
    expect(erased.anonymisedAt).toBe(a.json().erasedAt);
    if (notes > 0)
      expect(
        await q(sql`select 1 from case_notes where student_id = ${caseStudent} and text <> ''`),
      ).toHaveLength(0);
    expect(
      await q(sql`select 1 from plan_goals g join plans p on p.id = g.plan_id
                       where p.student_id = ${caseStudent} and g.text <> ''`),
    ).toHaveLength(0);
    expect(
      await q(sql`select outcome, reason from student_outcomes where student_id = ${caseStudent}
                  and school_year = 2026`),
    ).toEqual([{ outcome: 'left_education', reason: '—' }]);
    const [{ n: indicatorNames }] = await q<{
      n: number;
    }>(sql`select count(*)::int as n from student_indicators
      where student_id = ${caseStudent} and (first_name <> '' or last_name <> 'Anonimizēts')`);
    expect(indicatorNames).toBe(0);

    expect(await figures()).toEqual(before);
    // Nobody puts a name back on the anonymised student.
    const admin = await server.signIn('admin');
    const rename = await admin.patch(`/api/students/${caseStudent}`, { firstName: 'Jānis' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('student_anonymised');
    const detail = (await admin.get(`/api/students/${caseStudent}`)).json();
    expect([detail.canEdit, detail.can.edit]).toEqual([false, false]);
    expect(await studentRow(caseStudent)).toMatchObject({ first_name: '', last_name: 'Anonimizēts' });
    const audit =
      await q(sql`select 1 from audit_events where action = 'student.erase' and entity_id = ${caseStudent}
                              and outcome = 'ok'`);
    expect(audit).toHaveLength(1);
  });
});

describe('the erasure log and the record of processing', () => {
  it('shows the erasures to the national admin and an auditor, not to a coordinator', async () => {
    const admin = await server.signIn('admin');
    const res = await admin.get('/api/privacy/erasure-log');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((r: { studentId: string }) => r.studentId);
    expect(ids).toEqual(expect.arrayContaining([caseStudent, screenStudent]));
    expect(res.body).not.toContain('Anonimizēts');
    const auditor = await server.signIn('auditors');
    expect((await auditor.get('/api/privacy/erasure-log')).statusCode).toBe(200);
    const coordinator = await server.signIn('koord.ziemelu');
    expect((await coordinator.get('/api/privacy/erasure-log')).statusCode).toBe(403);
    expect((await admin.get('/api/privacy/erasure-log?limit=0')).statusCode).toBe(400);
  });

  it('answers the Art. 30 record and the retention classes to the national admin and an auditor', async () => {
    const admin = await server.signIn('admin');
    const ropa = await admin.get('/api/privacy/ropa?lang=en');
    expect(ropa.statusCode).toBe(200);
    const body = ropa.json();
    expect(body.controller).toMatch(/IKVD/);
    expect(body.recipients.join(' ')).toMatch(/Orphans' court/);
    expect(body.activities.map((a: { purpose: string }) => a.purpose)).toContain('cooperation');
    const lv = await admin.get('/api/privacy/ropa?lang=lv');
    expect(lv.json().recipients.join(' ')).toMatch(/Bāriņtiesa/);
    const retention = await admin.get('/api/privacy/retention');
    expect(retention.json().items.map((c: { code: string }) => c.code)).toContain('case_record');
    const auditor = await server.signIn('auditors');
    expect((await auditor.get('/api/privacy/ropa')).statusCode).toBe(200);
    const teacher = await server.signIn('skolotajs.s1');
    expect((await teacher.get('/api/privacy/ropa')).statusCode).toBe(403);
    expect((await teacher.get('/api/privacy/retention')).statusCode).toBe(403);
  });
});
