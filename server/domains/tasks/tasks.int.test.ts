import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTask } from '../../../common/api/tasks.ts';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode, type PlanFixture } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { setClock, today } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { reconcileSystemTasks } from './index.ts';

let server: TestServer;
let cal: TestCalendar;
let org: Record<string, string>;
const c: Record<string, TestClient> = {};

async function tasks(who: string, status: 'open' | 'done' = 'open'): Promise<TTask[]> {
  const res = await c[who].get(`/api/tasks?status=${status}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function userId(email: string): Promise<string> {
  return (await c.admin.get(`/api/users?q=${email}`)).json().items[0].id;
}

/** A school-1 student with a running plan of the semester (a consultation by `providerId`, if given). */
function runningPlan(
  serial: number,
  semesterId: string,
  providerId: string | null = null,
): Promise<PlanFixture> {
  return createPlanFixture(c, {
    schoolId: org['ZIEM-S1'],
    semesterId,
    personalCode: makeOldPersonalCode(`2011-03-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Uzdevums',
    lastName: `Plānam${serial}`,
    classLabel: '7.a',
    grade: 7,
    riskCode: 'L02',
    riskJustification: 'Grūtības matemātikā',
    goal: 'Uzlabot vērtējumu',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Matemātika',
      providerId,
      plannedHours: 4,
      justification: 'Konsultācijas',
    },
    start: true,
  });
}

async function openSystemDuplicates(): Promise<number> {
  const [row] = await server.database.read((tx) =>
    queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from (select system_key from tasks where status = 'open' and system_key is not null
          group by system_key having count(*) > 1) d`,
    ),
  );
  return Number(row.n);
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of [
    'admin',
    'koord.s1',
    'koord.s2',
    'direktors.s1',
    'skolotajs.s1',
    'koord.ziemelu',
    'eksperts',
  ])
    c[who] = await server.signIn(who);
  c.auditors = await server.signIn('auditors');
  org = await organisationIdsByCode(c.admin);
}, 120_000);
afterAll(() => {
  resetClock();
  return server.close();
});

describe('system tasks', () => {
  it('a legal-duty alert is the school coordinators’ task until the municipality is reported, then closes itself', async () => {
    const open = (await tasks('koord.s1')).filter((t) => t.kind === 'legal_duty');
    expect(open.length).toBeGreaterThan(0);
    const task = open[0];
    expect(task.assigneeRole).toBe('school_coordinator');
    expect(task.student?.name).toBeTruthy();
    expect(Number(task.params.lessons)).toBeGreaterThan(20);
    // Another school's coordinator does not see it, and cannot close it.
    expect((await tasks('koord.s2')).some((t) => t.id === task.id)).toBe(false);
    expect((await c['koord.s2'].post(`/api/tasks/${task.id}/done`)).statusCode).toBe(404);
    // The semester of that alert is in its system key: report it.
    const key = await server.database.read((tx) =>
      queryRows<{ system_key: string }>(tx, sql`select system_key from tasks where id = ${task.id}`),
    );
    const semesterId = key[0].system_key.split(':')[2];
    const informed = await c['koord.s1'].post(`/api/students/${task.student?.id}/legal-duty`, {
      semesterId,
      informedOn: today(),
    });
    expect(informed.statusCode, informed.body).toBe(201);
    expect((await tasks('koord.s1')).some((t) => t.id === task.id)).toBe(false);
    const done = (await tasks('koord.s1', 'done')).find((t) => t.id === task.id);
    expect(done).toMatchObject({ status: 'done', doneAutomatically: true, doneByName: null });
    const [stored] = await server.database.read((tx) =>
      queryRows<{ done_by: string | null }>(tx, sql`select done_by from tasks where id = ${task.id}`),
    );
    expect(stored.done_by).toBeNull();
  });

  it('a running plan of an ended semester is its preparer’s (or the coordinators’) task until evaluated', async () => {
    const p = await runningPlan(801, cal.previous.id);
    const open = (await tasks('koord.s1')).find((t) => t.kind === 'plan_evaluate' && t.plan?.id === p.planId);
    expect(open, 'plan task').toBeTruthy();
    expect(open?.params.code).toMatch(/^IAP-/);
    expect(open?.dueOn).toBe(cal.previous.endsOn);
    expect(open?.overdue).toBe(true);
    const plan = (await c['koord.s1'].get(`/api/plans/${p.planId}`)).json();
    const res = await c['koord.s1'].post(`/api/plans/${p.planId}/evaluate`, {
      measures: plan.content.measures.map((m: { id: string }) => ({ measureId: m.id, carriedOut: 'yes' })),
      progress: 'Vērtējums uzlabojās',
      risksDecreased: 'yes',
      continueNextSemester: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await tasks('koord.s1')).some((t) => t.id === open?.id)).toBe(false);
    expect((await tasks('koord.s1', 'done')).find((t) => t.id === open?.id)).toMatchObject({
      doneAutomatically: true,
      doneByName: null,
    });
  });

  it('a running plan becomes due 14 days before its semester ends (clock moved)', async () => {
    const p = await runningPlan(802, cal.current.id);
    const find = async () =>
      (await tasks('koord.s1')).find((t) => t.kind === 'plan_evaluate' && t.plan?.id === p.planId);
    expect(await find()).toBeUndefined();
    try {
      setClock(`${addDays(cal.current.endsOn, -13)}T09:00:00Z`);
      c['koord.s1'] = await server.signIn('koord.s1');
      expect((await find())?.overdue).toBe(false);
    } finally {
      await moveClockIntoSemester(server.database);
      c['koord.s1'] = await server.signIn('koord.s1');
    }
  });

  it('a remote session awaiting confirmation is its provider’s task until the students confirm', async () => {
    const teacherId = await userId('skolotajs.s1');
    const p = await runningPlan(803, cal.current.id, teacherId);
    const session = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: today(),
      startTime: '08:00',
      minutes: 45,
      mode: 'remote',
      topic: 'Attālināti',
      participants: [p],
    });
    expect(session.statusCode, session.body).toBe(201);
    const task = (await tasks('skolotajs.s1')).find(
      (t) => t.kind === 'session_confirm' && t.plan?.id === p.planId,
    );
    expect(task).toMatchObject({ dueOn: addDays(today(), 1), params: { count: 1, date: today() } });
    expect(task?.student?.name).toBeTruthy();
    // The student confirms (as the remote link would): the condition clears.
    await server.database.withTx((tx) =>
      tx.execute(
        sql`update session_participants set confirmed_at = now(), confirmed_via = 'remote' where plan_id = ${p.planId}`,
      ),
    );
    expect((await tasks('skolotajs.s1')).some((t) => t.id === task?.id)).toBe(false);
    expect((await tasks('skolotajs.s1', 'done')).find((t) => t.id === task?.id)?.doneAutomatically).toBe(
      true,
    );
  });

  it('two reconciliations at once make one open task per condition', async () => {
    await server.database.withTx((tx) =>
      tx.execute(sql`delete from tasks where kind is not null and status = 'open'`),
    );
    await Promise.all([
      server.database.withTx((tx) => reconcileSystemTasks(tx, today())),
      server.database.withTx((tx) => reconcileSystemTasks(tx, today())),
      server.database.withTx((tx) => reconcileSystemTasks(tx, today())),
    ]);
    expect(await openSystemDuplicates()).toBe(0);
    const [row] = await server.database.read((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from tasks where status = 'open' and kind is not null`,
      ),
    );
    expect(Number(row.n)).toBeGreaterThan(0);
    // A run for one coordinator beside the full run changes nothing either.
    await Promise.all([tasks('koord.s1'), server.database.withTx((tx) => reconcileSystemTasks(tx, today()))]);
    expect(await openSystemDuplicates()).toBe(0);
  });
});

describe('tasks made by hand', () => {
  let teacherId: string;
  let s2StudentId: string;
  let s1StudentId: string;

  beforeAll(async () => {
    teacherId = await userId('skolotajs.s1');
    s2StudentId = (await c['koord.s2'].get('/api/students')).json().items[0].id;
    s1StudentId = (await c['koord.s1'].get('/api/students')).json().items[0].id;
  });

  it('refuses another school’s student, plan or user with 404 and writes nothing', async () => {
    const draft = await c['koord.s2'].post('/api/plans', {
      studentId: s2StudentId,
      semesterId: cal.current.id,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const s2Plan = draft.json().id;
    const coordS2 = await userId('koord.s2');
    const before = (await tasks('koord.s1')).length;
    for (const body of [
      { studentId: s2StudentId },
      { planId: s2Plan },
      { assigneeUserId: coordS2 },
      { studentId: s1StudentId, assigneeUserId: coordS2 },
    ]) {
      const res = await c['koord.s1'].post('/api/tasks', { title: 'Piezvanīt', dueOn: cal.today, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(404);
    }
    expect((await tasks('koord.s1')).length).toBe(before);
    // Control characters and empty titles are a 400.
    expect((await c['koord.s1'].post('/api/tasks', { title: 'a\u0000b', dueOn: cal.today })).statusCode).toBe(
      400,
    );
    expect((await c['koord.s1'].post('/api/tasks', { title: '', dueOn: cal.today })).statusCode).toBe(400);
    expect(
      (await c['koord.s1'].post('/api/tasks', { title: 'x'.repeat(201), dueOn: cal.today })).statusCode,
    ).toBe(400);
  });

  it('gives a task to a colleague once per double click; the colleague completes it; counts follow', async () => {
    const countsBefore = (await c['skolotajs.s1'].get('/api/tasks/counts')).json();
    const body = {
      title: 'Pārrunāt konsultāciju grafiku',
      dueOn: addDays(cal.today, -1),
      assigneeUserId: teacherId,
    };
    const key = 'a1b2c3d4-task-double-click';
    const [a, b] = await Promise.all([
      c['koord.s1'].request('POST', '/api/tasks', body, { headers: { 'idempotency-key': key } }),
      c['koord.s1'].request('POST', '/api/tasks', body, { headers: { 'idempotency-key': key } }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const mine = await tasks('skolotajs.s1');
    expect(mine.filter((t) => t.title === body.title)).toHaveLength(1);
    const task = mine.find((t) => t.title === body.title) as TTask;
    expect(task).toMatchObject({ overdue: true, assigneeName: expect.any(String), can: { complete: true } });
    const countsAfter = (await c['skolotajs.s1'].get('/api/tasks/counts')).json();
    expect(countsAfter).toEqual({ open: countsBefore.open + 1, overdue: countsBefore.overdue + 1 });
    // Another school cannot touch it.
    expect((await c['koord.s2'].post(`/api/tasks/${task.id}/done`)).statusCode).toBe(404);
    const done = await c['skolotajs.s1'].post(`/api/tasks/${task.id}/done`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      doneAutomatically: false,
      doneByName: expect.any(String),
    });
    expect((await c['skolotajs.s1'].get('/api/tasks/counts')).json()).toEqual(countsBefore);
    const reopened = await c['koord.s1'].post(`/api/tasks/${task.id}/reopen`);
    expect(reopened.json().status).toBe('open');
  });

  it('lists a student’s tasks on the student’s page; another school gets 404', async () => {
    const made = await c['koord.s1'].post('/api/tasks', {
      title: 'Tikties ar māti',
      dueOn: addDays(cal.today, 7),
      studentId: s1StudentId,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().student.name).toBeTruthy();
    const list = await c['direktors.s1'].get(`/api/students/${s1StudentId}/tasks`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((t: TTask) => t.id === made.json().id)).toBe(true);
    expect((await c['koord.s2'].get(`/api/students/${s1StudentId}/tasks`)).statusCode).toBe(404);
  });

  it('a system task cannot be reopened; partners and auditors have no tasks', async () => {
    const done = (await tasks('koord.s1', 'done')).find((t) => t.kind);
    expect(done).toBeTruthy();
    expect((await c['koord.s1'].post(`/api/tasks/${done?.id}/reopen`)).statusCode).toBe(409);
    expect((await c.auditors.get('/api/tasks')).statusCode).toBe(403);
    expect((await c.auditors.get('/api/tasks/counts')).statusCode).toBe(403);
    expect((await c.auditors.get('/api/me')).json().can.viewTasks).toBe(false);
    expect((await c['koord.s1'].get('/api/me')).json().can.viewTasks).toBe(true);
  });
});

describe('the auditor’s entry points', () => {
  it('counts the last 7 days of the audit log in the caller’s scope, without names; sign-ins only nationally', async () => {
    const auditor = await c.auditors.get('/api/audit/summary');
    expect(auditor.statusCode, auditor.body).toBe(200);
    const body = auditor.json();
    expect(body).toMatchObject({
      from: addDays(today(), -6),
      events: expect.any(Number),
      denied: expect.any(Number),
    });
    expect(body.events).toBeGreaterThan(0);
    expect(body.signIns).toBeGreaterThan(0);
    expect(Object.keys(body).sort()).toEqual(['denied', 'events', 'from', 'signIns']);
    const school = (await c['koord.s1'].get('/api/audit/summary')).json();
    expect(school.signIns).toBeNull();
    expect((await c['skolotajs.s1'].get('/api/audit/summary')).statusCode).toBe(403);
  });
});
