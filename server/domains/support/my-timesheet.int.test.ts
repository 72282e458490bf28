import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import {
  approveAndStart,
  createPlanFixture,
  organisationIdsByCode,
  type PlanFixture,
} from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

/** A provider's own timesheet: their hours per measure, what awaits confirmation and until when, their entries. */
let server: TestServer;
const c: Record<string, TestClient> = {};
let cal: TestCalendar;
let schoolId: string;
let teacherId: string;
let colleagueId: string;
let plan: PlanFixture;
let sessionId: string;
let month: string;

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of [
    'admin',
    'koord.s1',
    'direktors.s1',
    'eksperts',
    'koord.ziemelu',
    'skolotajs.s1',
    'skolotajs2.s1',
    'skolotajs.s2',
    'auditors',
  ])
    c[who] = await server.signIn(who);
  schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  colleagueId = (await c['koord.s1'].get('/api/users?q=skolotajs2.s1')).json().items[0].id;
  plan = await createPlanFixture(c, {
    schoolId,
    semesterId: cal.current.id,
    personalCode: makeOldPersonalCode('2011-05-14', 991),
    firstName: 'Laika',
    lastName: 'Uzskaite',
    classLabel: '6.a',
    grade: 6,
    riskCode: 'L02',
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Bioloģija',
      providerId: teacherId,
      plannedHours: 6,
      justification: 'Konsultācijas',
    },
    start: false,
  });
  await approveAndStart(c, plan.planId);
  month = cal.today.slice(0, 7);
  const session = await c['skolotajs.s1'].post('/api/support/sessions', {
    onDate: cal.today,
    startTime: '10:00',
    minutes: 90,
    mode: 'in_person',
    topic: 'Bioloģija',
    participants: [plan],
  });
  expect(session.statusCode, session.body).toBe(201);
  sessionId = session.json().id;
  const entry = await c['koord.s1'].post('/api/timesheets/entries', {
    schoolId,
    month,
    providerId: teacherId,
    kind: 'preparation',
    planId: plan.planId,
    hours: 2,
  });
  expect(entry.statusCode, entry.body).toBe(201);
  const other = await c['koord.s1'].post('/api/timesheets/entries', {
    schoolId,
    month,
    providerId: colleagueId,
    kind: 'supervision',
    hours: 3,
  });
  expect(other.statusCode, other.body).toBe(201);
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('GET /api/timesheets/mine', () => {
  it("shows the provider's month: hours per measure, the session awaiting confirmation with its last day, the entries", async () => {
    const res = await c['skolotajs.s1'].get(`/api/timesheets/mine?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    const measure = mine.measures.find((m: { planId: string }) => m.planId === plan.planId);
    expect(measure).toMatchObject({
      measureId: plan.measureId,
      subject: 'Bioloģija',
      studentName: 'Laika Uzskaite',
      sessions: 1,
      confirmedHours: 0,
      unconfirmedHours: 1.5,
    });
    // In person, the students confirm on the day recorded: it expires today.
    const waiting = mine.awaiting.find((s: { sessionId: string }) => s.sessionId === sessionId);
    expect(waiting).toMatchObject({ onDate: cal.today, hours: 1.5, mode: 'in_person', expiresOn: cal.today });
    expect(waiting.students).toEqual(['Laika Uzskaite']);
    expect(mine.entries.map((e: { kind: string; hours: number }) => [e.kind, e.hours])).toEqual([
      ['preparation', 2],
    ]);
    expect(mine.entryHours).toBe(2);
    expect(mine.totalHours).toBe(2);
  });

  it("never shows another provider's rows, whatever id the query carries", async () => {
    const colleague = (await c['skolotajs2.s1'].get(`/api/timesheets/mine?month=${month}`)).json();
    expect(colleague.measures).toEqual([]);
    expect(colleague.awaiting).toEqual([]);
    expect(colleague.entries.map((e: { kind: string }) => e.kind)).toEqual(['supervision']);
    const forged = await c['skolotajs2.s1'].get(
      `/api/timesheets/mine?month=${month}&providerId=${teacherId}&userId=${teacherId}`,
    );
    expect(forged.statusCode).toBe(200);
    expect(forged.json()).toEqual(colleague);
    const elsewhere = (await c['skolotajs.s2'].get(`/api/timesheets/mine?month=${month}`)).json();
    expect(elsewhere.measures).toEqual([]);
    expect(elsewhere.entries).toEqual([]);
  });

  it('another month has no hours and no entries', async () => {
    const next = (await c['skolotajs.s1'].get('/api/timesheets/mine?month=2099-12')).json();
    expect(next.measures).toEqual([]);
    expect(next.entries).toEqual([]);
  });

  it('refuses a malformed or unbounded month and a role that does not deliver', async () => {
    for (const bad of [
      '2026-13',
      '1999-01',
      '99999-01',
      '2026-1',
      `2026-01${'\u0000'}`,
      'x'.repeat(5000),
      '',
    ])
      expect(
        (await c['skolotajs.s1'].get(`/api/timesheets/mine?month=${encodeURIComponent(bad)}`)).statusCode,
      ).toBe(400);
    expect((await c['skolotajs.s1'].get('/api/timesheets/mine')).statusCode).toBe(400);
    expect((await c.auditors.get(`/api/timesheets/mine?month=${month}`)).statusCode).toBe(403);
  });

  it('navigation offers the own timesheet to a provider', async () => {
    const me = (await c['skolotajs.s1'].get('/api/me')).json();
    expect(me.can.viewOwnTimesheet).toBe(true);
    expect((await c.auditors.get('/api/me')).json().can.viewOwnTimesheet).toBe(false);
  });
});
