import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, type TestCalendar } from '../../../test/calendar.ts';
import {
  createPlanFixture,
  organisationIdsByCode,
  type PlanFixture,
  setBudgetLine,
} from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { resetClock, setClock } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let plan: PlanFixture;
let cal: TestCalendar;
/** The Thursday of the semester's tenth week: the day of the first session. */
let thu: string;

/**
 * Moves the frozen clock to `days` after `thu` at `time` (UTC) and signs the clients the tests use
 * after a move in again: a jump of days would end the sessions signed in before it (idle time).
 */
async function moveClock(days: number, time = '09:00:00Z') {
  setClock(`${addDays(thu, days)}T${time}`, { frozen: true });
  for (const who of ['koord.s1', 'skolotajs.s1']) c[who] = await server.signIn(who);
}

const used = async () =>
  (await c['koord.s1'].get(`/api/budgets?schoolId=${schoolId}&semesterId=${semesterId}`))
    .json()
    .lines.find((l: { category: string }) => l.category === 'consultation').used as number;

const session = (onDate: string, startTime: string, mode: 'remote' | 'in_person') =>
  c['skolotajs.s1'].post('/api/support/sessions', {
    onDate,
    startTime,
    minutes: 45,
    mode,
    topic: 'Budžets',
    participants: [{ studentId: plan.studentId, planId: plan.planId, measureId: plan.measureId }],
  });

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  thu = cal.weekday(9, 3);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1'])
    c[who] = await server.signIn(who);
  schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
  semesterId = cal.current.id;
  const teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  plan = await createPlanFixture(c, {
    schoolId,
    semesterId,
    personalCode: makeOldPersonalCode('2011-05-05', 961),
    firstName: 'Budžets',
    lastName: 'Atbrīvots',
    classLabel: '8.a',
    grade: 8,
    riskCode: 'L02',
    riskJustification: 'x',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Matemātika',
      providerId: teacherId,
      plannedHours: 10,
      justification: 'x',
    },
    start: true,
  });
  await c['koord.s1'].request('PUT', `/api/students/${plan.studentId}/pin`, { pin: '7531' });
  // This school's sessions are this test's alone: the budget's use is what the test records.
  await server.database.withTx(async (tx) => {
    await tx.execute(sql`delete from session_participants`);
    await tx.execute(sql`delete from support_sessions`);
  });
  const set = await setBudgetLine(c['koord.ziemelu'], {
    schoolId,
    semesterId,
    category: 'consultation',
    amount: 0.75,
  });
  expect(set.statusCode, set.body).toBe(200);
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('expired, never-confirmed sessions release the consultation budget', () => {
  it('a remote session holds the budget on its day and the day after, then releases it', async () => {
    await moveClock(0);
    expect((await session(thu, '10:00', 'remote')).statusCode).toBe(201);
    expect(await used()).toBe(0.75);
    const full = await session(thu, '11:00', 'in_person');
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('over_budget');
    await moveClock(1, '20:00:00Z'); // 22:00 in Riga: still the day after
    expect(await used()).toBe(0.75);
    await moveClock(2);
    expect(await used()).toBe(0);
    const week = (
      await c['skolotajs.s1'].get(`/api/support/sessions?from=${addDays(thu, -3)}&to=${addDays(thu, 3)}`)
    ).json().items;
    expect(week[0].participants[0].confirmation).toBe('expired');
  });

  it('an in-person session not confirmed on the day it was recorded releases the budget; confirming later is refused', async () => {
    await moveClock(2);
    const res = await session(addDays(thu, 2), '12:00', 'in_person');
    expect(res.statusCode, res.body).toBe(201);
    expect(await used()).toBe(0.75);
    await moveClock(3);
    expect(await used()).toBe(0);
    const late = await c['skolotajs.s1'].post(`/api/support/sessions/${res.json().id}/confirm`, {
      studentId: plan.studentId,
      pin: '7531',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('session_in_person_closed');
    expect(await used()).toBe(0);
  });

  it('a confirmed session keeps its hours after the confirmation window', async () => {
    await moveClock(4);
    const res = await session(addDays(thu, 4), '12:00', 'in_person');
    expect(res.statusCode, res.body).toBe(201);
    const ok = await c['skolotajs.s1'].post(`/api/support/sessions/${res.json().id}/confirm`, {
      studentId: plan.studentId,
      pin: '7531',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await moveClock(38);
    expect(await used()).toBe(0.75);
    const over = await session(addDays(thu, 36), '12:00', 'remote');
    expect(over.json().error?.code).toBe('over_budget');
  });
});
