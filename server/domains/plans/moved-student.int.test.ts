import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTestCalendar, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { resetClock, setClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';

/**
 * A student with a plan in progress at school 1 moves to school 2. The old school keeps read-only
 * access to what it recorded before the move and never sees where the student went; the new school
 * reads the whole history and starts its own plan in the same semester.
 */
let server: TestServer;
const c: Record<string, TestClient> = {};
let schools: Record<string, string>;
let plan: { id: string; studentId: string; semesterId: string; classLabel: string; measureId: string };
const NEW_CLASS = '9.pārc';
const NEW_SCHOOL_NAME = 'Ozolu pamatskola';
let cal: TestCalendar;
/** The test's day: the Thursday of the current semester's twelfth week, the day after the move. */
let today: string;

beforeAll(async () => {
  server = await createTestServer();
  cal = await readTestCalendar(server.database);
  today = cal.weekday(11, 3);
  setClock(`${today}T10:00:00Z`, { frozen: true });
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'skolotajs.s1', 'koord.s2', 'koord.ziemelu'])
    c[who] = await server.signIn(who);
  const orgs = (await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schools = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
  const running = (await c['koord.s1'].get('/api/plans?status=in_progress')).json().items[0];
  const detail = (await c['koord.s1'].get(`/api/plans/${running.id}`)).json();
  const measure = detail.content.measures.find((m: { kind: string }) => m.kind === 'consultation');
  plan = {
    id: running.id,
    studentId: detail.studentId,
    semesterId: detail.semesterId,
    classLabel: detail.classLabel,
    measureId: measure.id,
  };
  // One consultation delivered and confirmed before the move.
  await c['koord.s1'].request('PUT', `/api/students/${plan.studentId}/pin`, { pin: '48151' });
  const session = await c['skolotajs.s1'].post('/api/support/sessions', {
    onDate: cal.weekday(10, 4),
    startTime: '10:00',
    minutes: 90,
    mode: 'in_person',
    topic: 'Daļskaitļi',
    participants: [{ studentId: plan.studentId, planId: plan.id, measureId: plan.measureId }],
  });
  expect(session.statusCode, session.body).toBe(201);
  const confirmed = await c['skolotajs.s1'].post(`/api/support/sessions/${session.json().id}/confirm`, {
    studentId: plan.studentId,
    pin: '48151',
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const moved = await c['koord.s1'].post(`/api/students/${plan.studentId}/move`, {
    toSchoolId: schools['ZIEM-S2'],
    movedOn: cal.weekday(11, 2),
    classLabel: NEW_CLASS,
    grade: 9,
    reason: 'Ģimene pārcēlās uz Ozoliem',
  });
  expect(moved.statusCode, moved.body).toBe(200);
});
afterAll(async () => {
  resetClock();
  await server.close();
});

const leaksNewSchool = (body: string) =>
  body.includes(NEW_CLASS) || body.includes(NEW_SCHOOL_NAME) || body.includes(schools['ZIEM-S2']);

describe('the old school after the move', () => {
  it('sees its plan ended with the reason "moved to another school", delivered hours kept', async () => {
    for (const who of ['koord.s1', 'direktors.s1']) {
      const res = await c[who].get(`/api/plans/${plan.id}`);
      expect(res.statusCode, who).toBe(200);
      const body = res.json();
      expect(body.status).toBe('closed');
      expect(body.allowed).toEqual([]);
      expect(body.history.at(-1)).toMatchObject({ action: 'end_moved', toStatus: 'closed' });
      expect(body.classLabel).toBe(plan.classLabel);
      expect(body.schoolId).toBe(schools['ZIEM-S1']);
      expect(leaksNewSchool(res.body), who).toBe(false);
    }
    const progress = await c['koord.s1'].get(`/api/plans/${plan.id}/progress`);
    expect(progress.statusCode).toBe(200);
    expect(progress.json().consultationHours.delivered).toBe(1.5);
  });

  it('lists its old plan with the class it had, and nothing of the new school', async () => {
    const res = await c['koord.s1'].get(`/api/plans?studentId=${plan.studentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    expect(res.json().items[0].classLabel).toBe(plan.classLabel);
    expect(leaksNewSchool(res.body)).toBe(false);
  });

  it('can no longer change the plan or record support against it', async () => {
    const pause = await c['koord.s1'].post(`/api/plans/${plan.id}/pause`, { reason: 'Pārcelts' });
    expect(pause.statusCode).toBeGreaterThanOrEqual(400);
    expect(pause.statusCode).toBeLessThan(500);
    const plain = await c['koord.s1'].get(`/api/plans/${plan.id}`);
    for (const action of ['start', 'revise', 'close', 'delete']) {
      const res = await c['koord.s1'].post(`/api/plans/${plan.id}/${action}`);
      expect(res.statusCode, action).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, action).toBeLessThan(500);
    }
    const content = await c['koord.s1'].request('PUT', `/api/plans/${plan.id}/content`, plain.json().content);
    expect(content.statusCode).toBeGreaterThanOrEqual(400);
    expect(content.statusCode).toBeLessThan(500);
    const session = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: today,
      startTime: '10:00',
      minutes: 45,
      mode: 'in_person',
      topic: 'Daļskaitļi',
      participants: [{ studentId: plan.studentId, planId: plan.id, measureId: plan.measureId }],
    });
    expect(session.statusCode).toBe(409);
  });

  it('downloads the PDF and the diff of its old plan without the new school', async () => {
    expect((await c['koord.s1'].get(`/api/plans/${plan.id}/pdf`)).statusCode).toBe(200);
    const diff = await c['koord.s1'].get(`/api/plans/${plan.id}/diff`);
    expect(diff.statusCode).toBe(200);
    expect(leaksNewSchool(diff.body)).toBe(false);
  });

  it('does not see the student any more', async () => {
    expect((await c['koord.s1'].get(`/api/students/${plan.studentId}`)).statusCode).toBe(404);
  });
});

describe('the new school after the move', () => {
  let newPlanId: string;

  it('reads the old plan, read-only, with its whole history and delivered hours', async () => {
    const list = await c['koord.s2'].get(`/api/plans?studentId=${plan.studentId}`);
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(plan.id);
    const res = await c['koord.s2'].get(`/api/plans/${plan.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().allowed).toEqual([]);
    expect(res.json().history.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'submit', 'approve', 'start', 'end_moved']),
    );
    const progress = await c['koord.s2'].get(`/api/plans/${plan.id}/progress`);
    expect(progress.statusCode).toBe(200);
    expect(progress.json().consultationHours.delivered).toBe(1.5);
    expect((await c['koord.s2'].get(`/api/plans/${plan.id}/pdf`)).statusCode).toBe(200);
    expect((await c['koord.s2'].get(`/api/plans/${plan.id}/diff`)).statusCode).toBe(200);
    const pause = await c['koord.s2'].post(`/api/plans/${plan.id}/pause`, { reason: 'x' });
    expect(pause.statusCode).toBeGreaterThanOrEqual(400);
    expect(pause.statusCode).toBeLessThan(500);
  });

  it('does not show its reads in the old school’s audit trail (it would name the new school’s staff)', async () => {
    const count = async () => {
      const rows = await server.database.read((tx) =>
        queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from audit_events where entity_id = ${plan.id} and org_id = ${schools['ZIEM-S1']}::uuid`,
        ),
      );
      return Number(rows[0].n);
    };
    const before = await count();
    expect((await c['koord.s2'].get(`/api/plans/${plan.id}`)).statusCode).toBe(200);
    expect((await c['koord.s2'].get(`/api/plans/${plan.id}/pdf`)).statusCode).toBe(200);
    expect(await count()).toBe(before);
  });

  it('starts its own plan for the same semester', async () => {
    const res = await c['koord.s2'].post('/api/plans', {
      studentId: plan.studentId,
      semesterId: plan.semesterId,
    });
    expect(res.statusCode, res.body).toBe(201);
    newPlanId = res.json().id;
    expect(res.json().schoolId).toBe(schools['ZIEM-S2']);
    expect(res.json().classLabel).toBe(NEW_CLASS);
    // Still one plan per student per semester at the new school.
    const again = await c['koord.s2'].post('/api/plans', {
      studentId: plan.studentId,
      semesterId: plan.semesterId,
    });
    expect(again.statusCode).toBe(409);
  });

  it('keeps the new plan out of the old school’s sight', async () => {
    expect((await c['koord.s1'].get(`/api/plans/${newPlanId}`)).statusCode).toBe(404);
    expect((await c['koord.s1'].get(`/api/plans/${newPlanId}/progress`)).statusCode).toBe(404);
    const list = await c['koord.s1'].get(`/api/plans?studentId=${plan.studentId}`);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    const municipality = await c['koord.ziemelu'].get(`/api/plans?studentId=${plan.studentId}`);
    expect(
      municipality
        .json()
        .items.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([plan.id, newPlanId].sort());
  });
});

describe('a family risk the plan addressed', () => {
  it('is withheld from the school the student left, and shown to the new school', async () => {
    const draft = (await c['koord.s1'].get('/api/plans?status=draft')).json().items[0];
    const detail = (await c['koord.s1'].get(`/api/plans/${draft.id}`)).json();
    const catalogue = (await c['koord.s1'].get('/api/risk-catalogue')).json().items as {
      id: string;
      code: string;
    }[];
    const justification = 'Vecāki šķīrušies, bērns dzīvo pie vecmāmiņas';
    const recorded = await c['koord.s1'].post(`/api/students/${detail.studentId}/risks`, {
      semesterId: detail.semesterId,
      riskItemId: catalogue.find((x) => x.code === 'F01')?.id,
      justification,
      foundOn: cal.weekday(8),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const familyRisk = recorded
      .json()
      .items.find((r: { justification: string | null }) => r.justification === justification);
    const saved = await c['koord.s1'].request('PUT', `/api/plans/${draft.id}/content`, {
      ...detail.content,
      riskIds: [...detail.content.riskIds, familyRisk.id],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).toContain(justification);
    const moved = await c['koord.s1'].post(`/api/students/${detail.studentId}/move`, {
      toSchoolId: schools['ZIEM-S2'],
      movedOn: cal.weekday(11, 2),
      classLabel: NEW_CLASS,
      grade: 9,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const who of ['koord.s1', 'direktors.s1']) {
      const old = await c[who].get(`/api/plans/${draft.id}`);
      expect(old.statusCode, who).toBe(200);
      expect(old.body, who).not.toContain(justification);
      expect(
        old.json().risks.some((r: { riskType: string }) => r.riskType === 'family'),
        who,
      ).toBe(true);
    }
    const now = await c['koord.s2'].get(`/api/plans/${draft.id}`);
    expect(now.body).toContain(justification);
  });
});
