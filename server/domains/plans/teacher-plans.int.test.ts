import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode, type PlanFixture } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

/**
 * The people who deliver: a teacher named as the provider of a live measure finds that plan in the
 * plans list and its student in the students list (only those), and is told once that they are named.
 */
let server: TestServer;
const c: Record<string, TestClient> = {};
let cal: TestCalendar;
let schools: { s1: string; s2: string };
let teacherId: string;
let named: PlanFixture;
let other: PlanFixture;

const fixture = (serial: number, schoolId: string, providerId: string | undefined, school = 's1') =>
  createPlanFixture(c, {
    schoolId,
    semesterId: cal.current.id,
    personalCode: makeOldPersonalCode(`2011-03-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Nosaukts',
    lastName: `Skolotājs${serial}${school}`,
    classLabel: '7.b',
    grade: 7,
    riskCode: 'L02',
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Fizika',
      providerId,
      plannedHours: 4,
      justification: 'Konsultācijas',
    },
    start: false,
  });

const planIds = async (who: string, query = '') => {
  const res = await c[who].get(`/api/plans${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string }[]; total: number; nextCursor: string | null };
};
const studentIds = async (who: string) => {
  const res = await c[who].get('/api/students?pageSize=100');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((s) => s.id);
};

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'koord.s2', 'skolotajs.s1', 'skolotajs2.s1', 'skolotajs.s2'])
    c[who] = await server.signIn(who);
  const ids = await organisationIdsByCode(c.admin);
  schools = { s1: ids['ZIEM-S1'], s2: ids['ZIEM-S2'] };
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const colleague = (await c['koord.s1'].get('/api/users?q=skolotajs2.s1')).json().items[0].id;
  named = await fixture(981, schools.s1, teacherId);
  other = await fixture(982, schools.s1, colleague);
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('a teacher named on a plan', () => {
  it('sees in Plāni exactly the plans they provide a live measure of, with a total that counts only those', async () => {
    const before = await planIds('skolotajs.s1');
    expect(before.items.map((p) => p.id)).toContain(named.planId);
    expect(before.items.map((p) => p.id)).not.toContain(other.planId);
    expect(before.total).toBe(before.items.length);
    // The colleague sees the other plan and not this one.
    const colleague = (await planIds('skolotajs2.s1')).items.map((p) => p.id);
    expect(colleague).toContain(other.planId);
    expect(colleague).not.toContain(named.planId);
    // Every listed plan opens (the list never shows what the plan page would 404).
    for (const p of before.items)
      expect((await c['skolotajs.s1'].get(`/api/plans/${p.id}`)).statusCode).toBe(200);
    expect((await c['skolotajs.s1'].get(`/api/plans/${other.planId}`)).statusCode).toBe(404);
  });

  it('pages the list by cursor like the other lists', async () => {
    const extra = await fixture(983, schools.s1, teacherId);
    const first = await planIds('skolotajs.s1', '?pageSize=1');
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await planIds(
      'skolotajs.s1',
      `?pageSize=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.total).toBe(first.total);
    const all = (await planIds('skolotajs.s1', '?pageSize=100')).items.map((p) => p.id);
    expect(all).toEqual(expect.arrayContaining([named.planId, extra.planId]));
  });

  it('sees the student in Skolēni (and the student page), not the students of plans they are not on', async () => {
    const mine = await studentIds('skolotajs.s1');
    expect(mine).toContain(named.studentId);
    expect(mine).not.toContain(other.studentId);
    expect((await c['skolotajs.s1'].get(`/api/students/${named.studentId}`)).statusCode).toBe(200);
    expect((await c['skolotajs.s1'].get(`/api/students/${other.studentId}`)).statusCode).toBe(404);
  });

  it('is notified once that they are named; the one who saved it is not', async () => {
    const notes = (await c['skolotajs.s1'].get('/api/notifications')).json().items as {
      kind: string;
      planId: string;
      message: string;
    }[];
    const mine = notes.filter((n) => n.kind === 'plan_provider' && n.planId === named.planId);
    expect(mine).toHaveLength(1);
    expect(mine[0].message).toMatch(/PL|\d/);
    const koord = (await c['koord.s1'].get('/api/notifications')).json().items as { kind: string }[];
    expect(koord.filter((n) => n.kind === 'plan_provider')).toHaveLength(0);
    // Saving the plan again does not tell them twice.
    const content = (await c['koord.s1'].get(`/api/plans/${named.planId}`)).json().content;
    expect(
      (await c['koord.s1'].request('PUT', `/api/plans/${named.planId}/content`, content)).statusCode,
    ).toBe(200);
    const again = (await c['skolotajs.s1'].get('/api/notifications')).json().items as {
      kind: string;
      planId: string;
    }[];
    expect(again.filter((n) => n.kind === 'plan_provider' && n.planId === named.planId)).toHaveLength(1);
  });

  it("another school's teacher never sees the plan or the student", async () => {
    const theirs = await planIds('skolotajs.s2', '?pageSize=100');
    expect(theirs.items.map((p) => p.id)).not.toContain(named.planId);
    expect(theirs.total).toBe(theirs.items.length);
    expect(await studentIds('skolotajs.s2')).not.toContain(named.studentId);
    expect((await c['skolotajs.s2'].get(`/api/plans/${named.planId}`)).statusCode).toBe(404);
    // Another school's id as a filter changes nothing.
    const filtered = await planIds('skolotajs.s2', `?schoolId=${schools.s1}`);
    expect(filtered.items).toEqual([]);
    expect(filtered.total).toBe(0);
  });

  it('removed as the provider (the measure dropped or given to someone else), the plan and student are gone', async () => {
    const k = c['koord.s1'];
    const content = (await k.get(`/api/plans/${named.planId}`)).json().content;
    const colleague = (await k.get('/api/users?q=skolotajs2.s1')).json().items[0].id;
    const moved = {
      ...content,
      measures: [{ ...content.measures[0], providerId: colleague }],
    };
    expect((await k.request('PUT', `/api/plans/${named.planId}/content`, moved)).statusCode).toBe(200);
    expect((await planIds('skolotajs.s1', '?pageSize=100')).items.map((p) => p.id)).not.toContain(
      named.planId,
    );
    expect(await studentIds('skolotajs.s1')).not.toContain(named.studentId);
    expect((await c['skolotajs.s1'].get(`/api/students/${named.studentId}`)).statusCode).toBe(404);
    // Given back on a new measure while the old one is dropped: visible again; the removed row does not count.
    const back = {
      ...content,
      measures: [{ ...content.measures[0], id: randomUUID(), providerId: teacherId }],
    };
    expect((await k.request('PUT', `/api/plans/${named.planId}/content`, back)).statusCode).toBe(200);
    expect((await planIds('skolotajs.s1', '?pageSize=100')).items.map((p) => p.id)).toContain(named.planId);
    const dropped = { ...content, measures: [{ ...back.measures[0], providerId: colleague }] };
    expect((await k.request('PUT', `/api/plans/${named.planId}/content`, dropped)).statusCode).toBe(200);
    expect((await planIds('skolotajs.s1', '?pageSize=100')).items.map((p) => p.id)).not.toContain(
      named.planId,
    );
  });
});
