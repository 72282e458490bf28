import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { approveAndStart, createPlanFixture } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let teacherId: string;
let cal: TestCalendar;
type Fixture = { planId: string; studentId: string; measureId: string };
let running: Fixture;
let draft: Fixture;
const PIN = '57321';

function planFor(serial: number) {
  return createPlanFixture(c, {
    schoolId,
    semesterId,
    personalCode: makeOldPersonalCode(`2011-03-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Plānotā',
    lastName: `Skolniece${serial}`,
    classLabel: '9.b',
    grade: 9,
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
}

/** A planned-session body on the running plan: today (the test clock's date) unless said otherwise. */
function body(over: Record<string, unknown> = {}) {
  return {
    planId: running.planId,
    measureId: running.measureId,
    onDate: cal.today,
    startTime: '15:00',
    minutes: 45,
    mode: 'in_person',
    room: '204',
    ...over,
  };
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of [
    'admin',
    'koord.s1',
    'koord.s2',
    'direktors.s1',
    'koord.ziemelu',
    'eksperts',
    'skolotajs.s1',
    'skolotajs2.s1',
  ])
    c[who] = await server.signIn(who);
  const orgs = (await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id ?? '';
  semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  running = await planFor(960);
  await approveAndStart(c, running.planId);
  await c['koord.s1'].request('PUT', `/api/students/${running.studentId}/pin`, { pin: PIN });
  draft = await planFor(961);
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('scheduling consultations', () => {
  it('schedules a one-off consultation for the provider and shows it in their week', async () => {
    const t = c['skolotajs.s1'];
    const res = await t.post('/api/support/planned', body());
    expect(res.statusCode, res.body).toBe(201);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      onDate: cal.today,
      startTime: '15:00',
      minutes: 45,
      room: '204',
      status: 'planned',
      seriesId: null,
      providerId: teacherId,
      can: { cancel: true, record: true },
    });
    const week = (await t.get(`/api/support/planned?from=${cal.today}&to=${addDays(cal.today, 6)}`)).json()
      .items;
    expect(week.map((p: { id: string }) => p.id)).toContain(item.id);
    // The coordinator of the school sees it; the other school's coordinator does not.
    const k = (await c['koord.s1'].get(`/api/support/planned?from=${cal.today}&to=${cal.today}`)).json()
      .items;
    expect(k.map((p: { id: string }) => p.id)).toContain(item.id);
    expect(k.find((p: { id: string }) => p.id === item.id).can.record).toBe(false);
    const other = (await c['koord.s2'].get(`/api/support/planned?from=${cal.today}&to=${cal.today}`)).json()
      .items;
    expect(other).toEqual([]);
  });

  it('answers 409 for a slot the provider already holds, and a double submit creates one row', async () => {
    const t = c['skolotajs.s1'];
    const taken = await t.post('/api/support/planned', body());
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('planned_slot_taken');
    const twice = await Promise.all([
      t.post('/api/support/planned', body({ startTime: '16:00' })),
      t.post('/api/support/planned', body({ startTime: '16:00' })),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const day = (await t.get(`/api/support/planned?from=${cal.today}&to=${cal.today}`)).json().items;
    expect(day.filter((p: { startTime: string }) => p.startTime === '16:00')).toHaveLength(1);
  });

  it('schedules a weekly series until a date (inclusive) and cancels this and the rest with the reason kept', async () => {
    const t = c['skolotajs.s1'];
    const res = await t.post(
      '/api/support/planned',
      body({
        onDate: addDays(cal.today, 1),
        startTime: '08:30',
        mode: 'remote',
        room: undefined,
        weeklyUntil: addDays(cal.today, 22),
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items as { id: string; onDate: string; seriesId: string; room: null }[];
    expect(items.map((i) => i.onDate)).toEqual([1, 8, 15, 22].map((d) => addDays(cal.today, d)));
    expect(new Set(items.map((i) => i.seriesId)).size).toBe(1);
    expect(items[0].room).toBeNull();
    const cancel = await t.post(`/api/support/planned/${items[2].id}/cancel`, {
      reason: 'Skolēns ekskursijā',
      scope: 'rest_of_series',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().cancelled).toBe(2);
    const list = (
      await t.get(`/api/support/planned?from=${addDays(cal.today, 1)}&to=${addDays(cal.today, 22)}`)
    ).json().items as { id: string; status: string; cancelReason: string | null }[];
    const byId = new Map(list.map((p) => [p.id, p]));
    expect(items.map((i) => byId.get(i.id)?.status)).toEqual([
      'planned',
      'planned',
      'cancelled',
      'cancelled',
    ]);
    expect(byId.get(items[3].id)?.cancelReason).toBe('Skolēns ekskursijā');
    // A cancelled slot is free again; cancelling twice is a 409; the reason is required.
    expect(
      (await t.post('/api/support/planned', body({ onDate: addDays(cal.today, 15), startTime: '08:30' })))
        .statusCode,
    ).toBe(201);
    expect((await t.post(`/api/support/planned/${items[2].id}/cancel`, { reason: 'x' })).statusCode).toBe(
      409,
    );
    expect((await t.post(`/api/support/planned/${items[0].id}/cancel`, { reason: '' })).statusCode).toBe(400);
    expect(
      (await c['koord.s1'].get(`/api/audit?action=plan.schedule_cancel&entityId=${running.studentId}`)).json()
        .total,
    ).toBe(1);
  });

  it('refuses more than 40 weekly sessions, dates outside the semester or in the past, and over 45 minutes', async () => {
    const t = c['skolotajs.s1'];
    const tooMany = await t.post(
      '/api/support/planned',
      body({ startTime: '07:00', weeklyUntil: addDays(cal.today, 7 * 45) }),
    );
    expect(tooMany.statusCode).toBe(400);
    const outside = await t.post(
      '/api/support/planned',
      body({ startTime: '07:00', weeklyUntil: addDays(cal.current.endsOn, 7) }),
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('planned_outside_semester');
    expect((await t.post('/api/support/planned', body({ onDate: addDays(cal.today, -1) }))).statusCode).toBe(
      400,
    );
    expect((await t.post('/api/support/planned', body({ minutes: 60 }))).statusCode).toBe(400);
    expect(
      (await t.post('/api/support/planned', body({ mode: 'in_person', room: undefined }))).statusCode,
    ).toBe(400);
  });

  it('rejects years 0000 and 9999 and NUL characters', async () => {
    const t = c['skolotajs.s1'];
    for (const bad of [
      body({ onDate: '0000-01-01' }),
      body({ onDate: '9999-12-31' }),
      body({ weeklyUntil: '9999-12-31' }),
      body({ room: 'A\u0000B' }),
    ])
      expect((await t.post('/api/support/planned', bad)).statusCode).toBe(400);
    expect((await t.get('/api/support/planned?from=0000-01-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await t.get('/api/support/planned?from=2026-01-01&to=9999-01-01')).statusCode).toBe(400);
    const [p] = (await t.get(`/api/support/planned?from=${cal.today}&to=${cal.today}`)).json().items;
    expect((await t.post(`/api/support/planned/${p.id}/cancel`, { reason: 'a\u0000b' })).statusCode).toBe(
      400,
    );
  });

  it('lets the coordinator schedule for a provider of the measure, but not for someone else', async () => {
    const k = c['koord.s1'];
    const res = await k.post('/api/support/planned', body({ providerId: teacherId, startTime: '17:00' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0].providerId).toBe(teacherId);
    const stranger = await k.post(
      '/api/support/planned',
      body({ providerId: '00000000-0000-4000-8000-000000000001', startTime: '17:30' }),
    );
    expect(stranger.statusCode).toBe(404);
  });

  it('answers 404 to another school and 403 to a role without the right; a draft plan is a 409', async () => {
    const s2 = c['koord.s2'];
    expect((await s2.post('/api/support/planned', body({ startTime: '18:00' }))).statusCode).toBe(404);
    const [p] = (await c['skolotajs.s1'].get(`/api/support/planned?from=${cal.today}&to=${cal.today}`)).json()
      .items;
    expect((await s2.post(`/api/support/planned/${p.id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
    // A teacher the plan does not name does not see it.
    expect(
      (await c['skolotajs2.s1'].post('/api/support/planned', body({ startTime: '18:00' }))).statusCode,
    ).toBe(404);
    expect(
      (await c['skolotajs2.s1'].post(`/api/support/planned/${p.id}/cancel`, { reason: 'x' })).statusCode,
    ).toBe(404);
    // The director sees the plan but schedules for nobody.
    expect(
      (
        await c['direktors.s1'].post(
          '/api/support/planned',
          body({ providerId: teacherId, startTime: '18:00' }),
        )
      ).statusCode,
    ).toBe(403);
    // An expert (approves plans, gives no support) never schedules.
    expect([403, 404]).toContain(
      (await c.eksperts.post('/api/support/planned', body({ startTime: '18:00' }))).statusCode,
    );
    const onDraft = await c['skolotajs.s1'].post(
      '/api/support/planned',
      body({ planId: draft.planId, measureId: draft.measureId, startTime: '18:00' }),
    );
    expect([404, 409]).toContain(onDraft.statusCode);
  });
});

describe('a planned session becomes a record', () => {
  it('records it in one step with the planned id, confirms with the PIN, and refuses a second record (409)', async () => {
    const t = c['skolotajs.s1'];
    const [p] = (
      await t.post('/api/support/planned', body({ startTime: '06:00', minutes: 40, room: '12' }))
    ).json().items;
    const record = {
      onDate: p.onDate,
      startTime: p.startTime,
      minutes: p.minutes,
      mode: p.mode,
      topic: 'Ķīmiskās reakcijas',
      participants: [{ studentId: running.studentId, planId: running.planId, measureId: running.measureId }],
      plannedId: p.id,
    };
    // Someone else's record of this planned session: not theirs (404).
    const other = await c['koord.s1'].post('/api/support/sessions', record);
    expect(other.statusCode).not.toBe(201);
    const res = await t.post('/api/support/sessions', record);
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json();
    const again = await t.post('/api/support/sessions', { ...record, topic: 'Otrreiz' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('planned_not_open');
    const listed = (await t.get(`/api/support/planned?from=${cal.today}&to=${cal.today}`))
      .json()
      .items.find((x: { id: string }) => x.id === p.id);
    expect(listed).toMatchObject({
      status: 'recorded',
      sessionId: session.id,
      can: { record: false, cancel: false },
    });
    expect(
      (
        await t.post(`/api/support/sessions/${session.id}/confirm`, {
          studentId: running.studentId,
          pin: '00000',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.post(`/api/support/sessions/${session.id}/confirm`, {
          studentId: running.studentId,
          pin: PIN,
        })
      ).statusCode,
    ).toBe(200);
    const progress = (await c['koord.s1'].get(`/api/plans/${running.planId}/progress`)).json();
    const m = progress.measures.find((x: { measureId: string }) => x.measureId === running.measureId);
    expect(m).toMatchObject({ plannedHours: 6, deliveredHours: 0.67, deliveredSessions: 1 });
    expect(m.scheduledSessions).toBeGreaterThanOrEqual(5);
  });

  it('refuses a planned id whose measure is not among the participants', async () => {
    const t = c['skolotajs.s1'];
    const [p] = (await t.post('/api/support/planned', body({ startTime: '06:30' }))).json().items;
    const second = await planFor(962);
    await approveAndStart(c, second.planId);
    const res = await t.post('/api/support/sessions', {
      onDate: p.onDate,
      startTime: p.startTime,
      minutes: 45,
      mode: 'in_person',
      topic: 'x',
      participants: [second],
      plannedId: p.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('planned_measure_mismatch');
  });
});

describe('the calendar feed', () => {
  it('lists the provider’s planned sessions by token without personal codes; an old or unknown token is 404', async () => {
    const t = c['skolotajs.s1'];
    const made = await t.post('/api/support/calendar-feed');
    expect(made.statusCode, made.body).toBe(200);
    const anonymous = server.client('10.9.0.1');
    const feed = await anonymous.get(made.json().path);
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('Plānotā S. — Ķīmija');
    expect(feed.body).toContain('LOCATION:204');
    expect(feed.body).not.toMatch(/\d{6}-\d{5}/);
    expect(feed.body).not.toContain('Skolniece960');
    const rotated = (await t.post('/api/support/calendar-feed')).json().path;
    expect((await anonymous.get(made.json().path)).statusCode).toBe(404);
    expect((await anonymous.get(rotated)).statusCode).toBe(200);
    expect((await anonymous.get('/api/calendar-feed/nav-tada-tokena-0000000000.ics')).statusCode).toBe(404);
    expect((await anonymous.get('/api/calendar-feed/%00.ics')).statusCode).toBe(400);
  });

  it('rate-limits unknown tokens per address', async () => {
    const anonymous = server.client('10.9.0.2');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push(
        (await anonymous.get(`/api/calendar-feed/nezinams-${String(i).padStart(20, '0')}.ics`)).statusCode,
      );
    expect(codes.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});
