import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { approveAndStart, createPlanFixture, organisationIdsByCode } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let cal: TestCalendar;
let schoolId: string;
let teacherId: string;

const rows = <T>(q: ReturnType<typeof sql>) => server.database.read((db) => queryRows<T>(db, q));

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1'])
    c[who] = await server.signIn(who);
  schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
});
afterAll(async () => {
  resetClock();
  await server.close();
});

const fixture = (serial: number) =>
  createPlanFixture(c, {
    schoolId,
    semesterId: cal.current.id,
    personalCode: makeOldPersonalCode(`2010-07-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Saturs',
    lastName: `Tabulās${serial}`,
    classLabel: '8.a',
    grade: 8,
    riskCode: 'L02',
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Ķīmija',
      providerId: teacherId,
      plannedHours: 6,
      justification: 'Konsultācijas',
    },
    start: false,
  });

describe('relational plan content', () => {
  it('keeps a dropped measure with a session as a removed row; the session keeps its key; re-adding revives it', async () => {
    const k = c['koord.s1'];
    const p = await fixture(971);
    const content = (await k.get(`/api/plans/${p.planId}`)).json().content;
    const other = {
      id: randomUUID(),
      kind: 'other',
      otherType: 'youth_initiative',
      riskIds: content.riskIds,
      justification: 'Iniciatīva',
    };
    const wide = { ...content, measures: [...content.measures, other] };
    expect((await k.request('PUT', `/api/plans/${p.planId}/content`, wide)).statusCode).toBe(200);
    await approveAndStart(c, p.planId);
    const session = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: cal.weekday(7, 2),
      startTime: '12:00',
      minutes: 40,
      mode: 'in_person',
      topic: 'Ķīmija',
      participants: [{ studentId: p.studentId, planId: p.planId, measureId: p.measureId }],
    });
    expect(session.statusCode).toBe(201);
    expect((await k.post(`/api/plans/${p.planId}/revise`)).statusCode).toBe(200);
    // Drop the consultation (it has a session) and the other measure (nothing points at it).
    const onlyNew = {
      ...content,
      measures: [{ ...other, id: randomUUID(), justification: 'Jauna' }],
    };
    const saved = await k.request('PUT', `/api/plans/${p.planId}/content`, onlyNew);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().content.measures.map((m: { id: string }) => m.id)).toEqual([onlyNew.measures[0].id]);
    const measures = await rows<{ id: string; removed: boolean }>(
      sql`select id, removed_at is not null as removed from plan_measures where plan_id = ${p.planId} order by removed_at nulls first`,
    );
    expect(measures).toEqual([
      { id: onlyNew.measures[0].id, removed: false },
      { id: p.measureId, removed: true },
    ]);
    // The session still counts on the plan's measure row; a new session on the removed measure is refused.
    const again = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: cal.weekday(7, 3),
      startTime: '12:00',
      minutes: 40,
      mode: 'in_person',
      topic: 'Ķīmija',
      participants: [{ studentId: p.studentId, planId: p.planId, measureId: p.measureId }],
    });
    expect(again.statusCode).toBe(403);
    // Putting the measure back revives the same row (same id, the session is still on it).
    const back = { ...content, measures: [content.measures[0], ...onlyNew.measures] };
    expect((await k.request('PUT', `/api/plans/${p.planId}/content`, back)).statusCode).toBe(200);
    const plan = (await k.get(`/api/plans/${p.planId}`)).json();
    expect(plan.content.measures.map((m: { id: string }) => m.id)).toEqual([
      p.measureId,
      onlyNew.measures[0].id,
    ]);
    expect(plan.content.measures[0].providerId).toBe(teacherId);
    const progress = (await k.get(`/api/plans/${p.planId}/progress`)).json();
    expect(progress.measures[0].unconfirmedHours + progress.measures[0].deliveredHours).toBeCloseTo(
      40 / 60,
      2,
    );
  });

  it("refuses a measure key that is not the plan's, and a repeated risk in a measure (400, not 500)", async () => {
    const k = c['koord.s1'];
    const p = await fixture(972);
    const q = await fixture(973);
    // A session or payment row must name a measure of its own plan: the composite key refuses another plan's.
    await expect(
      server.database.withTx((tx) =>
        tx.execute(sql`insert into economic_payments (plan_id, measure_id, student_id, school_id, semester_id, on_date, category, amount_cents, recipient, document_ref)
          values (${p.planId}, ${q.measureId}, ${p.studentId}, ${schoolId}, ${cal.current.id}, ${cal.today}, 'transport', 100, 'x', 'y')`),
      ),
    ).rejects.toThrow();
    const content = (await k.get(`/api/plans/${p.planId}`)).json().content;
    const twice = {
      ...content,
      measures: [{ ...content.measures[0], riskIds: [content.riskIds[0], content.riskIds[0]] }],
    };
    const res = await k.request('PUT', `/api/plans/${p.planId}/content`, twice);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('duplicate_row');
    // The same measure id in two plans is fine: measures are keyed by plan and id.
    const shared = { ...content, measures: [{ ...content.measures[0], id: q.measureId }] };
    expect((await k.request('PUT', `/api/plans/${p.planId}/content`, shared)).statusCode).toBe(200);
    expect((await k.get(`/api/plans/${q.planId}`)).json().content.measures[0].id).toBe(q.measureId);
  });
});
