import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { pdfText } from '../../../test/pdf.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let orgs: Record<string, string>;
let semesterId: string;
let pastSemesterId: string;
let cal: TestCalendar;
/** A teacher of ZIEM-S1, the provider of the first measure in the plans `content` makes. */
let teacherId: string;
/** A day early in the semester, when its risks are found. */
const riskDay = (id: string) =>
  addDays(id === cal.previous.id ? cal.previous.startsOn : cal.current.startsOn, 9);
/** Students of grade 9: about 15 on the test clock's date. */
const born = (monthDay: string) => `${Number(cal.today.slice(0, 4)) - 15}-${monthDay}`;

/** A student of `schoolCode` with a guardian's application in force and one learning risk. */
async function preparedStudent(who: TestClient, schoolCode: string, serial: number, semester = semesterId) {
  const s = (
    await who.post('/api/students', {
      personalCode: makeOldPersonalCode(born(`03-${String((serial % 28) + 1).padStart(2, '0')}`), serial),
      firstName: 'Plāna',
      lastName: `Skolēns${serial}`,
      schoolId: orgs[schoolCode],
      classLabel: '9.a',
      grade: 9,
    })
  ).json();
  const g = (
    await who.post(`/api/students/${s.id}/guardians`, {
      firstName: 'Māte',
      lastName: 'Skolēna',
      relation: 'mother',
    })
  ).json().guardians[0];
  await who.post(`/api/students/${s.id}/applications`, {
    signedOn: addDays(cal.previous.startsOn, 1),
    signerType: 'guardian',
    guardianId: g.id,
  });
  const catalogue = (await who.get('/api/risk-catalogue')).json().items as { id: string; code: string }[];
  const risk = (
    await who.post(`/api/students/${s.id}/risks`, {
      semesterId: semester,
      riskItemId: catalogue.find((x) => x.code === 'L02')!.id,
      justification: 'Grūtības matemātikā',
      foundOn: riskDay(semester),
    })
  ).json().items[0];
  return { studentId: s.id as string, riskId: risk.id as string };
}

function content(riskId: string, hours = 10, providerId: string | null = null) {
  return {
    riskIds: [riskId],
    goals: [
      { id: randomUUID(), text: 'Uzlabot matemātikas vērtējumu līdz 5', criterion: 'Semestra vērtējums ≥ 5' },
    ],
    measures: [
      {
        id: randomUUID(),
        kind: 'consultation',
        consultationType: 'subject',
        subject: 'Matemātika',
        providerId,
        plannedHours: hours,
        riskIds: [riskId],
        justification: 'Individuālas konsultācijas',
      },
      {
        id: randomUUID(),
        kind: 'economic',
        economicCategory: 'study_materials',
        plannedCents: 2500,
        riskIds: [riskId],
        justification: 'Darba burtnīcas',
      },
    ],
    supervisorId: null,
  };
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of [
    'admin',
    'koord.s1',
    'direktors.s1',
    'koord.ziemelu',
    'eksperts',
    'skolotajs.s1',
    'koord.dienvidu',
    'koord.s9',
    'direktors.s9',
    'direktors.s5',
    'koord.s5',
  ])
    c[who] = await server.signIn(who);
  orgs = Object.fromEntries(
    ((await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[]).map((o) => [
      o.code,
      o.id,
    ]),
  );
  semesterId = cal.current.id;
  pastSemesterId = cal.previous.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('plan approval at three levels', () => {
  let planId: string;
  let riskId: string;

  it('drafts a plan with a readable code and submits it', async () => {
    const prepared = await preparedStudent(c['koord.s1'], 'ZIEM-S1', 960);
    riskId = prepared.riskId;
    const created = await c['koord.s1'].post('/api/plans', { studentId: prepared.studentId, semesterId });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().code).toMatch(
      new RegExp(`^IAP-${cal.current.schoolYear}-${cal.current.number}-\\d{6}$`),
    );
    expect(created.json().content.riskIds).toEqual([riskId]);
    planId = created.json().id;
    const incomplete = (await c['koord.s1'].post(`/api/plans/${planId}/submit`)).json().error;
    expect(incomplete.code).toBe('plan_incomplete');
    // The shared submission schema names each missing part (the risk is already on the draft).
    expect(incomplete.details.map((d: { path: string }) => d.path)).toEqual(['goals', 'measures']);
    const saved = await c['koord.s1'].request(
      'PUT',
      `/api/plans/${planId}/content`,
      content(riskId, 10, teacherId),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().totals).toEqual({ consultationHours: 10, economicCents: 2500, otherMeasures: 0 });
    const submitted = await c['koord.s1'].post(`/api/plans/${planId}/submit`);
    expect(submitted.json()).toMatchObject({ status: 'in_approval', approvalLevel: 'director', version: 1 });
  });

  it('refuses approval by anyone but the level’s approver', async () => {
    for (const who of ['skolotajs.s1', 'koord.s1', 'koord.ziemelu', 'eksperts', 'direktors.s5']) {
      const res = await c[who].post(`/api/plans/${planId}/approve`);
      expect([403, 404], who).toContain(res.statusCode);
    }
    expect(
      (await c['koord.s1'].request('PUT', `/api/plans/${planId}/content`, content(riskId, 12))).statusCode,
    ).toBe(403);
  });

  it('goes director → municipality; the municipality returns it with a comment on a measure', async () => {
    expect((await c['direktors.s1'].post(`/api/plans/${planId}/approve`)).json()).toMatchObject({
      status: 'in_approval',
      approvalLevel: 'municipality',
    });
    const queue = (await c['koord.ziemelu'].get('/api/approvals')).json().items as {
      id: string;
      waitingHours: number;
    }[];
    expect(queue.map((p) => p.id)).toContain(planId);
    expect(
      (await c['koord.dienvidu'].get('/api/approvals')).json().items.map((p: { id: string }) => p.id),
    ).not.toContain(planId);
    const plan = (await c['koord.ziemelu'].get(`/api/plans/${planId}`)).json();
    const ret = await c['koord.ziemelu'].post(`/api/plans/${planId}/return`, {
      comment: 'Samaziniet stundu skaitu',
      measureComments: [{ measureId: plan.content.measures[0].id, comment: '10 stundas ir par daudz' }],
    });
    expect(ret.json()).toMatchObject({ status: 'draft', returnComment: 'Samaziniet stundu skaitu' });
    const notes = (await c['koord.s1'].get('/api/notifications')).json();
    expect(notes.items.some((n: { message: string }) => n.message.includes('atgriezts labošanai'))).toBe(
      true,
    );
  });

  it('after the preparer changes one measure, the approver sees only that change', async () => {
    const plan = (await c['koord.s1'].get(`/api/plans/${planId}`)).json();
    const changed = {
      ...plan.content,
      measures: plan.content.measures.map((m: { plannedHours: number | null }, i: number) =>
        i === 0 ? { ...m, plannedHours: 6 } : m,
      ),
    };
    expect((await c['koord.s1'].request('PUT', `/api/plans/${planId}/content`, changed)).statusCode).toBe(
      200,
    );
    await c['koord.s1'].post(`/api/plans/${planId}/submit`);
    await c['direktors.s1'].post(`/api/plans/${planId}/approve`);
    const diff = (await c['koord.ziemelu'].get(`/api/plans/${planId}/diff`)).json();
    expect(diff).toMatchObject({ baseVersion: 1, version: 2, supervisorChanged: false });
    expect(diff.measures.changed).toHaveLength(1);
    expect(diff.measures.changed[0].fields).toEqual(['plannedHours']);
    expect(diff.measures.added).toEqual([]);
    expect(diff.goals).toEqual({ added: [], removed: [], changed: [] });
  });

  it('municipality then expert approve; the plan is approved and versions stay frozen', async () => {
    expect((await c['koord.ziemelu'].post(`/api/plans/${planId}/approve`)).json()).toMatchObject({
      approvalLevel: 'expert',
    });
    expect((await c['eksperts'].post(`/api/plans/${planId}/approve`)).json()).toMatchObject({
      status: 'approved',
      approvalLevel: null,
    });
    const plan = (await c['koord.s1'].get(`/api/plans/${planId}`)).json();
    expect(plan.history.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'approve',
      'return',
      'submit',
      'approve',
      'approve',
      'approve',
    ]);
    expect(plan.allowed).toEqual(expect.arrayContaining(['start', 'revise']));
    expect(plan.allowed).not.toContain('edit');
    const pdf = await c['koord.s1'].get(`/api/plans/${planId}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${plan.code}-lv.pdf"`);
    const teacherName = plan.peopleNames[plan.content.measures[0].providerId];
    expect(teacherName).toBeTruthy();
    const lv = await pdfText(pdf.rawPayload);
    // The providers of the measures, the approval history with its levels, page numbers, signatures.
    expect(lv).toContain('Sniedzējs');
    expect(lv).toContain(teacherName);
    expect(lv).toContain('Nav norādīts'); // the economic measure has no provider
    expect(lv).toContain('Saskaņošanas vēsture');
    for (const level of ['Skola', 'Pašvaldība', 'Valsts eksperts']) expect(lv).toContain(level);
    expect(lv).toContain('Atgriezts labošanai');
    const approvals = (plan.history as { action: string; at: string; actorName: string }[]).filter(
      (e) => e.action === 'approve',
    );
    const riga = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Riga',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (const e of approvals) {
      expect(lv).toContain(e.actorName);
      expect(lv).toContain(riga.format(new Date(e.at)).replace(/\//g, '.').replace(',', ''));
    }
    expect(lv).toMatch(/Lapa 1 no \d/);
    for (const who of ['Skolēns: ___', 'Likumiskais pārstāvis: ___', 'Plāna sagatavotājs', 'Direktors: ___'])
      expect(lv).toContain(who);
    const en = await c['koord.s1'].get(`/api/plans/${planId}/pdf?lang=en`);
    expect(en.headers['content-disposition']).toBe(`attachment; filename="${plan.code}-en.pdf"`);
    const enText = await pdfText(en.rawPayload);
    for (const words of ['Provider', 'Approval history', 'National expert', 'Municipality', 'Director: ___'])
      expect(enText).toContain(words);
    expect(enText).toMatch(/Page 1 of \d/);
  });

  it('runs, pauses with a reason, resumes within the semester, goes under revision and back through approval', async () => {
    await c['koord.s1'].post(`/api/plans/${planId}/start`);
    expect((await c['koord.s1'].post(`/api/plans/${planId}/pause`, { reason: '' })).statusCode).toBe(400);
    expect(
      (await c['koord.s1'].post(`/api/plans/${planId}/pause`, { reason: 'Ilgstoša slimība' })).json(),
    ).toMatchObject({ status: 'paused', pausedReason: 'Ilgstoša slimība' });
    expect((await c['koord.s1'].post(`/api/plans/${planId}/resume`)).json().status).toBe('in_progress');
    expect((await c['koord.s1'].post(`/api/plans/${planId}/revise`)).json().status).toBe('under_revision');
    await c['koord.s1'].post(`/api/plans/${planId}/submit`);
    for (const who of ['direktors.s1', 'koord.ziemelu', 'eksperts'])
      await c[who].post(`/api/plans/${planId}/approve`);
    expect((await c['koord.s1'].get(`/api/plans/${planId}`)).json()).toMatchObject({
      status: 'in_progress',
      version: 3,
    });
  });

  it('does not evaluate a plan before the semester’s end is near, and cannot delete it once approved', async () => {
    expect(
      (
        await c['koord.s1'].post(`/api/plans/${planId}/evaluate`, {
          measures: [],
          progress: 'x',
          risksDecreased: 'yes',
          continueNextSemester: false,
        })
      ).statusCode,
    ).toBe(400);
    expect((await c['koord.s1'].post(`/api/plans/${planId}/delete`)).statusCode).toBe(403);
  });
});

describe('plan rules', () => {
  it('refuses to submit without an application in force', async () => {
    const s = (
      await c['koord.s1'].post('/api/students', {
        personalCode: makeOldPersonalCode(born('02-04'), 961),
        firstName: 'Bez',
        lastName: 'Iesnieguma',
        schoolId: orgs['ZIEM-S1'],
        classLabel: '9.a',
        grade: 9,
      })
    ).json();
    const catalogue = (await c['koord.s1'].get('/api/risk-catalogue')).json().items as {
      id: string;
      code: string;
    }[];
    const risk = (
      await c['koord.s1'].post(`/api/students/${s.id}/risks`, {
        semesterId,
        riskItemId: catalogue[0].id,
        justification: 'x',
        foundOn: riskDay(semesterId),
      })
    ).json().items[0];
    const plan = (await c['koord.s1'].post('/api/plans', { studentId: s.id, semesterId })).json();
    await c['koord.s1'].request('PUT', `/api/plans/${plan.id}/content`, content(risk.id));
    const res = await c['koord.s1'].post(`/api/plans/${plan.id}/submit`);
    expect(res.json().error.code).toBe('plan_needs_application');
    expect((await c['koord.s1'].post('/api/plans', { studentId: s.id, semesterId })).statusCode).toBe(409);
    expect((await c['koord.s1'].post(`/api/plans/${plan.id}/delete`)).statusCode).toBe(200);
    expect((await c['koord.s1'].get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
  });

  it('skips the municipality for a state vocational school', async () => {
    const { studentId, riskId } = await preparedStudent(c['koord.s9'], 'VPII-S9', 962);
    const plan = (await c['koord.s9'].post('/api/plans', { studentId, semesterId })).json();
    await c['koord.s9'].request('PUT', `/api/plans/${plan.id}/content`, content(riskId));
    await c['koord.s9'].post(`/api/plans/${plan.id}/submit`);
    expect((await c['direktors.s9'].post(`/api/plans/${plan.id}/approve`)).json().approvalLevel).toBe(
      'expert',
    );
    expect((await c['eksperts'].post(`/api/plans/${plan.id}/approve`)).json().status).toBe('approved');
  });

  it('keeps the expert to assigned municipalities', async () => {
    const { studentId, riskId } = await preparedStudent(c['koord.s5'], 'DIEN-S5', 963);
    const plan = (await c['koord.s5'].post('/api/plans', { studentId, semesterId })).json();
    await c['koord.s5'].request('PUT', `/api/plans/${plan.id}/content`, content(riskId));
    await c['koord.s5'].post(`/api/plans/${plan.id}/submit`);
    await c['direktors.s5'].post(`/api/plans/${plan.id}/approve`);
    await c['koord.dienvidu'].post(`/api/plans/${plan.id}/approve`);
    expect(
      (await c['eksperts'].get('/api/approvals')).json().items.map((p: { id: string }) => p.id),
    ).not.toContain(plan.id);
    expect((await c['eksperts'].post(`/api/plans/${plan.id}/approve`)).statusCode).toBe(404);
    expect((await c.admin.get(`/api/plans/${plan.id}`)).json().approvalLevel).toBe('expert');
  });

  it('approves twenty plans at once, or none when one is not the approver’s', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { studentId, riskId } = await preparedStudent(c['koord.s1'], 'ZIEM-S1', 970 + i);
      const plan = (await c['koord.s1'].post('/api/plans', { studentId, semesterId })).json();
      await c['koord.s1'].request('PUT', `/api/plans/${plan.id}/content`, content(riskId));
      await c['koord.s1'].post(`/api/plans/${plan.id}/submit`);
      ids.push(plan.id);
    }
    const other = (await c['koord.s5'].get('/api/plans?pageSize=1')).json().items[0];
    expect(
      (await c['direktors.s1'].post('/api/approvals/approve', { planIds: [...ids, other.id] })).statusCode,
    ).toBe(404);
    expect((await c['direktors.s1'].get(`/api/plans/${ids[0]}`)).json().approvalLevel).toBe('director');
    const bulk = await c['direktors.s1'].post('/api/approvals/approve', { planIds: ids });
    expect(bulk.json()).toEqual({ approved: 20 });
    const queue = (await c['koord.ziemelu'].get('/api/approvals?pageSize=200')).json();
    expect(ids.every((id) => queue.items.some((p: { id: string }) => p.id === id))).toBe(true);
  });

  it('evaluates a plan of a finished semester and continues it as a new draft', async () => {
    const { studentId, riskId } = await preparedStudent(c['koord.s1'], 'ZIEM-S1', 995, pastSemesterId);
    const plan = (await c['koord.s1'].post('/api/plans', { studentId, semesterId: pastSemesterId })).json();
    const body = content(riskId);
    await c['koord.s1'].request('PUT', `/api/plans/${plan.id}/content`, body);
    await c['koord.s1'].post(`/api/plans/${plan.id}/submit`);
    for (const who of ['direktors.s1', 'koord.ziemelu', 'eksperts'])
      await c[who].post(`/api/plans/${plan.id}/approve`);
    await c['koord.s1'].post(`/api/plans/${plan.id}/start`);
    expect((await c['koord.s1'].post(`/api/plans/${plan.id}/resume`)).statusCode).toBe(403);
    const evaluation = {
      measures: body.measures.map((m, i) => ({ measureId: m.id, carriedOut: i === 0 ? 'yes' : 'partly' })),
      progress: 'Vērtējums uzlabojās līdz 5',
      risksDecreased: 'partly',
      continueNextSemester: true,
    };
    const res = await c['koord.s1'].post(`/api/plans/${plan.id}/evaluate`, evaluation);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().plan.status).toBe('evaluated');
    // Both audit rows of the evaluation commit with it (one insert): the evaluation and the new draft.
    const audit = await server.database.read((tx) =>
      queryRows<{ action: string; entity_id: string }>(
        tx,
        sql`select action, entity_id from audit_events where request_id = ${String(res.headers['x-request-id'])}
            and action <> 'plan.read' order by id`,
      ),
    );
    expect(audit).toEqual([
      { action: 'plan.evaluate', entity_id: plan.id },
      { action: 'plan.create', entity_id: res.json().nextPlanId },
    ]);
    const next = (await c['koord.s1'].get(`/api/plans/${res.json().nextPlanId}`)).json();
    expect(next).toMatchObject({
      status: 'draft',
      semesterLabel: `${cal.current.schoolYear}./${cal.current.schoolYear + 1}. m. g. ${cal.current.number}. semestris`,
    });
    expect(next.content.measures).toHaveLength(2);
    expect(next.content.measures[0].id).not.toBe(body.measures[0].id);
    expect(next.content.riskIds).toHaveLength(1);
    expect((await c['koord.s1'].post(`/api/plans/${plan.id}/close`)).json().status).toBe('closed');
  });

  it('reminds the preparer once when a plan is not evaluated two weeks after its semester', async () => {
    const { studentId, riskId } = await preparedStudent(c['koord.s1'], 'ZIEM-S1', 996, pastSemesterId);
    const plan = (await c['koord.s1'].post('/api/plans', { studentId, semesterId: pastSemesterId })).json();
    await c['koord.s1'].request('PUT', `/api/plans/${plan.id}/content`, content(riskId));
    await c['koord.s1'].post(`/api/plans/${plan.id}/submit`);
    for (const who of ['direktors.s1', 'koord.ziemelu', 'eksperts'])
      await c[who].post(`/api/plans/${plan.id}/approve`);
    const { remindOverdueEvaluations } = await import('./notify.ts');
    await server.database.withTx((tx) => remindOverdueEvaluations(tx));
    await server.database.withTx((tx) => remindOverdueEvaluations(tx));
    const notes = (await c['koord.s1'].get('/api/notifications'))
      .json()
      .items.filter(
        (n: { kind: string; planId: string }) => n.kind === 'plan_evaluation_due' && n.planId === plan.id,
      );
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toBe(`Plānam ${plan.code} jāveic semestra izvērtējums.`);
  });
});
