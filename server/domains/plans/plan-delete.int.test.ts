import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import {
  createPlanFixture,
  type MeasureInput,
  organisationIdsByCode,
  setBudgetLine,
} from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let teacherId: string;
let cal: TestCalendar;

function fixture(serial: number, measure: MeasureInput, start: boolean) {
  return createPlanFixture(c, {
    schoolId,
    semesterId,
    personalCode: makeOldPersonalCode(`2010-08-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Dzēšana',
    lastName: `Plāns${serial}`,
    classLabel: '10.a',
    grade: 10,
    riskCode: measure.kind === 'economic' ? 'E02' : 'L02',
    riskJustification: 'x',
    goal: 'Mērķis',
    measure,
    start,
  });
}
const consultation = (): MeasureInput => ({
  kind: 'consultation',
  consultationType: 'subject',
  subject: 'Vēsture',
  providerId: teacherId,
  plannedHours: 4,
  justification: 'x',
});

const reviseThenDelete = async (planId: string) => {
  const revise = await c['koord.s1'].post(`/api/plans/${planId}/revise`);
  expect(revise.statusCode, revise.body).toBe(200);
  expect(revise.json().allowed).not.toContain('delete');
  return c['koord.s1'].post(`/api/plans/${planId}/delete`);
};

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1'])
    c[who] = await server.signIn(who);
  schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
  semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  await setBudgetLine(c['koord.ziemelu'], {
    schoolId,
    semesterId,
    category: 'study_materials',
    amount: 50000,
  });
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('a plan can be deleted only while nothing was delivered or paid against it', () => {
  it('refuses (409) to delete a revised plan with a payment, and the plan and payment stay', async () => {
    const p = await fixture(
      971,
      { kind: 'economic', economicCategory: 'study_materials', plannedCents: 5000, justification: 'x' },
      true,
    );
    const pay = await c['koord.s1'].post(`/api/plans/${p.planId}/payments`, {
      measureId: p.measureId,
      onDate: cal.weekday(9, 1),
      amountCents: 1200,
      recipient: 'Veikals',
      documentRef: 'Č-DEL-1',
    });
    expect(pay.statusCode, pay.body).toBe(201);
    const del = await reviseThenDelete(p.planId);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('plan_has_deliveries');
    expect((await c['koord.s1'].get(`/api/plans/${p.planId}`)).statusCode).toBe(200);
    expect((await c['koord.s1'].get(`/api/plans/${p.planId}/payments`)).json().items).toHaveLength(1);
  });

  it('refuses to delete a revised plan with a session nobody confirmed yet', async () => {
    const p = await fixture(972, consultation(), true);
    const s = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: cal.weekday(9, 2),
      startTime: '09:00',
      minutes: 45,
      mode: 'remote',
      topic: 'x',
      participants: [{ studentId: p.studentId, planId: p.planId, measureId: p.measureId }],
    });
    expect(s.statusCode, s.body).toBe(201);
    const del = await reviseThenDelete(p.planId);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('plan_has_deliveries');
  });

  it('refuses to delete a draft with preparation hours on the timesheet', async () => {
    const p = await fixture(973, consultation(), false);
    const entry = await c['koord.s1'].post('/api/timesheets/entries', {
      schoolId,
      month: cal.weekday(9).slice(0, 7),
      providerId: teacherId,
      kind: 'preparation',
      planId: p.planId,
      hours: 1,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const del = await c['koord.s1'].post(`/api/plans/${p.planId}/delete`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('plan_has_deliveries');
  });

  it('deletes a draft with nothing against it', async () => {
    const p = await fixture(974, consultation(), false);
    expect((await c['koord.s1'].post(`/api/plans/${p.planId}/delete`)).statusCode).toBe(200);
    expect((await c['koord.s1'].get(`/api/plans/${p.planId}`)).statusCode).toBe(404);
  });
});
