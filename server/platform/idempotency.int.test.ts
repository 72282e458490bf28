import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../common/personal-code.ts';
import { moveClockIntoSemester, type TestCalendar } from '../../test/calendar.ts';
import {
  createPlanFixture,
  organisationIdsByCode,
  type PlanFixture,
  setBudgetLine,
} from '../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../test/server.ts';
import { resetClock } from './clock.ts';
import { addDays } from './dates.ts';
import { queryRows } from './db.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let teacherId: string;
let consultation: PlanFixture;
let economic: PlanFixture;
let cal: TestCalendar;
/** A month of the semester, before the test clock's (that of the semester's fifth week). */
let month: string;

async function count(table: string, where: ReturnType<typeof sql>): Promise<number> {
  const rows = await server.database.read((db) =>
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`),
  );
  return Number(rows[0].n);
}

/** The same POST twice at the same moment with one key, as a double click sends it. */
async function twice(who: string, url: string, body: unknown, key = randomUUID()) {
  const send = () => c[who].request('POST', url, body, { headers: { 'idempotency-key': key } });
  const [a, b] = await Promise.all([send(), send()]);
  return { a, b, key, send };
}

function expectSameAnswer(r: Awaited<ReturnType<typeof twice>>, status = 201) {
  expect(r.a.statusCode, r.a.body).toBe(status);
  expect(r.b.statusCode, r.b.body).toBe(status);
  expect(r.b.json()).toEqual(r.a.json());
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  month = cal.weekday(4).slice(0, 7);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1'])
    c[who] = await server.signIn(who);
  schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
  semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const base = {
    schoolId,
    semesterId,
    classLabel: '9.a',
    grade: 9,
    riskJustification: 'x',
    goal: 'Mērķis',
    start: true,
  };
  consultation = await createPlanFixture(c, {
    ...base,
    personalCode: makeOldPersonalCode('2011-03-03', 931),
    firstName: 'Dubults',
    lastName: 'Klikšķis',
    riskCode: 'L02',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Fizika',
      providerId: teacherId,
      plannedHours: 6,
      justification: 'x',
    },
  });
  economic = await createPlanFixture(c, {
    ...base,
    personalCode: makeOldPersonalCode('2011-04-04', 932),
    firstName: 'Vienreiz',
    lastName: 'Maksāts',
    riskCode: 'E02',
    measure: {
      kind: 'economic',
      economicCategory: 'study_materials',
      plannedCents: 9000,
      justification: 'x',
    },
  });
  const budget = await setBudgetLine(c['koord.ziemelu'], {
    schoolId,
    semesterId,
    category: 'study_materials',
    amount: 100000,
  });
  expect(budget.statusCode, budget.body).toBe(200);
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('Idempotency-Key: two identical submissions at once create one record', () => {
  it('one payment, the budget counted once', async () => {
    const url = `/api/plans/${economic.planId}/payments`;
    const r = await twice('koord.s1', url, {
      measureId: economic.measureId,
      onDate: cal.weekday(9, 1),
      amountCents: 2500,
      recipient: 'Grāmatnīca',
      documentRef: 'Č-IDEM-1',
    });
    expectSameAnswer(r);
    expect(await count('economic_payments', sql`plan_id = ${economic.planId}`)).toBe(1);
    const line = (await c['koord.s1'].get(`/api/budgets?schoolId=${schoolId}&semesterId=${semesterId}`))
      .json()
      .lines.find((l: { category: string }) => l.category === 'study_materials');
    expect(line.used).toBe(2500);
  });

  it('one session', async () => {
    const body = {
      onDate: cal.weekday(9, 3),
      startTime: '13:30',
      minutes: 45,
      mode: 'in_person',
      topic: 'Kustība',
      participants: [
        { studentId: consultation.studentId, planId: consultation.planId, measureId: consultation.measureId },
      ],
    };
    expectSameAnswer(await twice('skolotajs.s1', '/api/support/sessions', body));
    expect(await count('session_participants', sql`plan_id = ${consultation.planId}`)).toBe(1);
  });

  it('one timesheet entry', async () => {
    const body = { schoolId, month, providerId: teacherId, kind: 'preparation', hours: 1.5 };
    expectSameAnswer(await twice('koord.s1', '/api/timesheets/entries', body));
    expect(await count('timesheet_entries', sql`provider_id = ${teacherId} and month = ${month}`)).toBe(1);
  });

  it('one guardian and one application', async () => {
    const id = consultation.studentId;
    const before = await count('guardians', sql`student_id = ${id}`);
    const g = await twice('koord.s1', `/api/students/${id}/guardians`, {
      firstName: 'Tēvs',
      lastName: 'Klikšķis',
      relation: 'father',
    });
    expectSameAnswer(g);
    expect(await count('guardians', sql`student_id = ${id}`)).toBe(before + 1);
    const apps = await count('applications', sql`student_id = ${id}`);
    const a = await twice('koord.s1', `/api/students/${id}/applications`, {
      signedOn: addDays(cal.current.startsOn, 19),
      signerType: 'guardian',
      guardianId: g.a.json().guardians.find((x: { firstName: string }) => x.firstName === 'Tēvs').id,
      documentRef: 'IES-IDEM',
    });
    expectSameAnswer(a);
    expect(await count('applications', sql`student_id = ${id}`)).toBe(apps + 1);
  });

  it('one risk record', async () => {
    const item = (await c['koord.s1'].get('/api/risk-catalogue'))
      .json()
      .items.find((x: { code: string }) => x.code === 'L01');
    const r = await twice('koord.s1', `/api/students/${economic.studentId}/risks`, {
      semesterId,
      riskItemId: item.id,
      justification: 'Divi klikšķi',
      foundOn: addDays(cal.current.startsOn, 30),
    });
    expectSameAnswer(r);
    expect(await count('student_risks', sql`student_id = ${economic.studentId} and removed_at is null`)).toBe(
      2,
    );
  });

  it('replays the stored answer to a later retry, and refuses the key for another body', async () => {
    const url = `/api/students/${economic.studentId}/guardians`;
    const body = { firstName: 'Vecmāmiņa', lastName: 'Maksāta', relation: 'grandparent' };
    const r = await twice('koord.s1', url, body);
    expectSameAnswer(r);
    const retry = await r.send();
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(r.a.json());
    expect(
      await count('guardians', sql`student_id = ${economic.studentId} and first_name = 'Vecmāmiņa'`),
    ).toBe(1);
    const other = await c['koord.s1'].request(
      'POST',
      url,
      { ...body, firstName: 'Cits' },
      { headers: { 'idempotency-key': r.key } },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    // Another user's identical key is theirs alone.
    const mine = await c['direktors.s1'].request('POST', url, body, {
      headers: { 'idempotency-key': r.key },
    });
    expect(mine.statusCode).toBe(201);
    expect(mine.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets a key after a day: the same key then creates a new record', async () => {
    const url = `/api/students/${economic.studentId}/guardians`;
    const body = { firstName: 'Onkulis', lastName: 'Maksāts', relation: 'other' };
    const r = await twice('koord.s1', url, body);
    expectSameAnswer(r);
    // A day later (the key row ages; moving the clock would also end the sign-in session).
    await server.database.withTx((tx) =>
      tx.execute(sql`update idempotency_keys set created_at = created_at - interval '25 hours'`),
    );
    const later = await r.send();
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('guardians', sql`student_id = ${economic.studentId} and first_name = 'Onkulis'`)).toBe(
      2,
    );
  });

  it('releases the key when the request fails, so a corrected retry is not blocked', async () => {
    const key = randomUUID();
    const url = `/api/students/${economic.studentId}/applications`;
    const bad = await c['koord.s1'].request(
      'POST',
      url,
      { signedOn: addDays(cal.current.startsOn, 4), signerType: 'student' },
      { headers: { 'idempotency-key': key } },
    );
    expect(bad.statusCode).toBe(400);
    expect(await count('idempotency_keys', sql`key = ${key}`)).toBe(0);
  });

  it('refuses a key that is not a short token', async () => {
    const res = await c['koord.s1'].request(
      'POST',
      `/api/students/${economic.studentId}/guardians`,
      { firstName: 'X', lastName: 'Y', relation: 'other' },
      { headers: { 'idempotency-key': 'a b' } },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('idempotency_key_invalid');
  });
});

describe('without a key the domain still refuses true duplicates', () => {
  it('two identical risks at once: one recorded, one 409', async () => {
    const item = (await c['koord.s1'].get('/api/risk-catalogue'))
      .json()
      .items.find((x: { code: string }) => x.code === 'L03');
    const body = {
      semesterId,
      riskItemId: item.id,
      justification: 'Vienlaikus',
      foundOn: addDays(cal.current.startsOn, 31),
    };
    const url = `/api/students/${consultation.studentId}/risks`;
    const [a, b] = await Promise.all([c['koord.s1'].post(url, body), c['direktors.s1'].post(url, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((x) => x.statusCode === 409)?.json().error.code).toBe('risk_recorded');
    const active = await count(
      'student_risks',
      sql`student_id = ${consultation.studentId} and risk_item_id = ${item.id} and removed_at is null`,
    );
    expect(active).toBe(1);
  });

  it('two identical sessions at once: one recorded, one 409', async () => {
    const body = {
      onDate: cal.weekday(9, 4),
      startTime: '08:15',
      minutes: 30,
      mode: 'remote',
      topic: 'Divreiz',
      participants: [
        { studentId: consultation.studentId, planId: consultation.planId, measureId: consultation.measureId },
      ],
    };
    const t = c['skolotajs.s1'];
    const [a, b] = await Promise.all([
      t.post('/api/support/sessions', body),
      t.post('/api/support/sessions', body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((x) => x.statusCode === 409)?.json().error.code).toBe('session_duplicate');
    expect(
      await count('support_sessions', sql`provider_id = ${teacherId} and on_date = ${cal.weekday(9, 4)}`),
    ).toBe(1);
  });

  it('the same receipt paid twice at once: one payment, one 409', async () => {
    const body = {
      measureId: economic.measureId,
      onDate: cal.weekday(9, 2),
      amountCents: 700,
      recipient: 'Grāmatnīca',
      documentRef: 'Č-DIVREIZ',
    };
    const url = `/api/plans/${economic.planId}/payments`;
    const [a, b] = await Promise.all([c['koord.s1'].post(url, body), c['direktors.s1'].post(url, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((x) => x.statusCode === 409)?.json().error.code).toBe('payment_duplicate');
    expect(await count('economic_payments', sql`document_ref = 'Č-DIVREIZ'`)).toBe(1);
  });

  it('the database itself holds one active risk per student, item and semester', async () => {
    const [existing] = await server.database.read((db) =>
      queryRows<{ risk_version_id: string }>(
        db,
        sql`select risk_version_id from student_risks where student_id = ${consultation.studentId} and removed_at is null limit 1`,
      ),
    );
    await expect(
      server.database.withTx((db) =>
        db.execute(sql`insert into student_risks (student_id, semester_id, risk_version_id, risk_item_id, justification, found_on)
          select ${consultation.studentId}, ${semesterId}, v.id, v.item_id, 'x', ${addDays(cal.current.startsOn, 32)}::date from risk_item_versions v where v.id = ${existing.risk_version_id}`),
      ),
    ).rejects.toThrow();
  });
});
