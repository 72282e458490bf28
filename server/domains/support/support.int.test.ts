import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { approveAndStart, createPlanFixture } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { todayInLatvia } from '../../platform/dates.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let teacherId: string;
const plansById: { planId: string; studentId: string; measureId: string }[] = [];
let cal: TestCalendar;
/** A Friday of the current semester, a week or two before the test clock's today. */
let sessionDay: string;

/** A student of school 1 with a draft plan whose consultation measure the demo teacher gives. */
function runningPlan(serial: number) {
  return createPlanFixture(c, {
    schoolId,
    semesterId,
    personalCode: makeOldPersonalCode(`2010-05-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Atbalsta',
    lastName: `Saņēmējs${serial}`,
    classLabel: '10.a',
    grade: 10,
    riskCode: 'L02',
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Fizika',
      providerId: teacherId,
      plannedHours: 8,
      justification: 'Konsultācijas',
    },
    start: false,
  });
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  sessionDay = cal.weekday(7, 4);
  for (const who of [
    'admin',
    'koord.s1',
    'direktors.s1',
    'koord.ziemelu',
    'eksperts',
    'skolotajs.s1',
    'skolotajs2.s1',
  ])
    c[who] = await server.signIn(who);
  const orgs = (await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
  semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  for (const serial of [940, 941]) {
    const p = await runningPlan(serial);
    await approveAndStart(c, p.planId);
    await c['koord.s1'].request('PUT', `/api/students/${p.studentId}/pin`, { pin: `${serial}1` });
    plansById.push(p);
  }
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('consultations and confirmations', () => {
  it('records a group consultation for two students; both confirm with their PIN; the plan shows the hours', async () => {
    const t = c['skolotajs.s1'];
    const mine = (await t.get('/api/support/my-measures')).json().items as {
      planId: string;
      plannedHours: number;
    }[];
    expect(plansById.every((p) => mine.some((m) => m.planId === p.planId))).toBe(true);
    const res = await t.post('/api/support/sessions', {
      onDate: sessionDay,
      startTime: '14:30',
      minutes: 90,
      mode: 'in_person',
      topic: 'Kustības vienādojumi',
      participants: plansById,
    });
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json();
    expect(session.participants.map((p: { confirmation: string }) => p.confirmation)).toEqual([
      'unconfirmed',
      'unconfirmed',
    ]);
    expect(
      (await c['koord.s1'].get(`/api/plans/${plansById[0].planId}/progress`)).json().consultationHours,
    ).toEqual({ planned: 8, delivered: 0 });
    for (const [i, p] of plansById.entries()) {
      const ok = await t.post(`/api/support/sessions/${session.id}/confirm`, {
        studentId: p.studentId,
        pin: `${940 + i}1`,
      });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    const progress = (await c['koord.s1'].get(`/api/plans/${plansById[0].planId}/progress`)).json();
    expect(progress.consultationHours).toEqual({ planned: 8, delivered: 1.5 });
    const week = (await t.get(`/api/support/sessions?from=${cal.weekday(7)}&to=${cal.weekday(7, 6)}`)).json()
      .items;
    expect(week[0].participants.every((p: { confirmation: string }) => p.confirmation === 'confirmed')).toBe(
      true,
    );
    expect(
      (await c['koord.s1'].get(`/api/audit?action=support.confirm&entityId=${plansById[0].studentId}`)).json()
        .total,
    ).toBe(1);
  });

  it('refuses a session on a plan that is not in progress, or on a measure of another provider', async () => {
    const draft = await runningPlan(942);
    const res = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: sessionDay,
      startTime: '10:00',
      minutes: 45,
      mode: 'in_person',
      topic: 'x',
      participants: [draft],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('session_plan_not_running');
    const other = await c['skolotajs2.s1'].post('/api/support/sessions', {
      onDate: sessionDay,
      startTime: '10:00',
      minutes: 45,
      mode: 'in_person',
      topic: 'x',
      participants: [plansById[0]],
    });
    expect(other.statusCode).toBe(403);
  });

  it('locks the PIN after five wrong tries', async () => {
    const t = c['skolotajs.s1'];
    const s = (
      await t.post('/api/support/sessions', {
        onDate: sessionDay,
        startTime: '16:00',
        minutes: 45,
        mode: 'in_person',
        topic: 'PIN',
        participants: [plansById[1]],
      })
    ).json();
    for (let i = 0; i < 5; i++)
      expect(
        (
          await t.post(`/api/support/sessions/${s.id}/confirm`, {
            studentId: plansById[1].studentId,
            pin: '0000',
          })
        ).statusCode,
      ).toBe(400);
    expect(
      (
        await t.post(`/api/support/sessions/${s.id}/confirm`, {
          studentId: plansById[1].studentId,
          pin: '9411',
        })
      ).statusCode,
    ).toBe(423);
    await c['koord.s1'].request('PUT', `/api/students/${plansById[1].studentId}/pin`, { pin: '9411' });
    expect(
      (
        await t.post(`/api/support/sessions/${s.id}/confirm`, {
          studentId: plansById[1].studentId,
          pin: '9411',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('lets a remote session be confirmed through its link on the day after, and not later; unconfirmed hours do not count', async () => {
    const t = c['skolotajs.s1'];
    const yesterday = (() => {
      const d = new Date(`${todayInLatvia()}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 1);
      return d.toISOString().slice(0, 10);
    })();
    const fresh = (
      await t.post('/api/support/sessions', {
        onDate: yesterday,
        startTime: '18:00',
        minutes: 60,
        mode: 'remote',
        topic: 'Attālināti',
        participants: [plansById[0]],
      })
    ).json();
    expect(fresh.confirmationPath).toMatch(/^\/confirm\/[\w-]{30,}$/);
    const token = fresh.confirmationPath.split('/').pop();
    const anonymous = server.client('10.7.0.1');
    const page = await anonymous.get(`/api/confirm/${token}`);
    expect(page.json()).toMatchObject({ open: true, topic: 'Attālināti' });
    expect(page.json().students[0].name).toMatch(/^Atbalsta S\.$/);
    expect(
      (await anonymous.post(`/api/confirm/${token}`, { studentId: plansById[0].studentId, pin: '9401' }))
        .statusCode,
    ).toBe(200);
    const old = (
      await t.post('/api/support/sessions', {
        onDate: cal.weekday(5),
        startTime: '18:00',
        minutes: 60,
        mode: 'remote',
        topic: 'Vecs',
        participants: [plansById[0]],
      })
    ).json();
    const oldToken = old.confirmationPath.split('/').pop();
    expect(
      (
        await anonymous.post(`/api/confirm/${oldToken}`, { studentId: plansById[0].studentId, pin: '9401' })
      ).json().error.code,
    ).toBe('session_confirmation_closed');
    const progress = (await c['koord.s1'].get(`/api/plans/${plansById[0].planId}/progress`)).json();
    expect(progress.measures[0]).toMatchObject({ deliveredHours: 2.5, unconfirmedHours: 1 });
    const week = (await t.get(`/api/support/sessions?from=${cal.weekday(5)}&to=${cal.weekday(5)}`)).json()
      .items;
    expect(week[0].participants[0].confirmation).toBe('expired');
  });

  it('keeps a plan with delivered hours from being deleted after a revision', async () => {
    const k = c['koord.s1'];
    await k.post(`/api/plans/${plansById[0].planId}/revise`);
    const plan = (await k.get(`/api/plans/${plansById[0].planId}`)).json();
    expect(plan.status).toBe('under_revision');
    expect(plan.allowed).not.toContain('delete');
    const del = await k.post(`/api/plans/${plansById[0].planId}/delete`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('plan_has_deliveries');
    const { queryRows } = await import('../../platform/db.ts');
    const rows = await server.database.read((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from session_participants where confirmed_at is not null`,
      ),
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(4);
  });
});

describe('the provider and the plan', () => {
  it('lets a teacher named as provider read the plan and its progress, but not act on it', async () => {
    const t = c['skolotajs.s1'];
    const plan = await t.get(`/api/plans/${plansById[1].planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.json().allowed).toEqual([]);
    expect((await t.get(`/api/plans/${plansById[1].planId}/progress`)).statusCode).toBe(200);
    expect((await c['skolotajs2.s1'].get(`/api/plans/${plansById[1].planId}`)).statusCode).toBe(404);
  });
});
