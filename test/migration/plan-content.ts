import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { makeOldPersonalCode } from '../../common/personal-code.ts';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { approveAndStart, createPlanFixture } from '../factories.ts';
import { pdfText } from '../pdf.ts';
import { TestClient } from '../server.ts';

/**
 * Shared by the migration test of 0015 (relational plan content): this file runs twice — once in a
 * checkout of the code at migration 0014 (the JSON content), once in this checkout after 0015 — so
 * it may only use what both have: the API, the test client and the plan factory.
 */

const ACCOUNTS = ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1'];

export async function signInAll(app: FastifyInstance): Promise<Record<string, TestClient>> {
  const c: Record<string, TestClient> = {};
  let ip = 10;
  for (const who of ACCOUNTS) {
    const client = new TestClient(app, `10.0.1.${ip++}`);
    const res = await client.login(`${who}@demo.pumpurs.lv`, DEMO_PASSWORD);
    if (res.statusCode !== 200) throw new Error(`sign-in ${who}: ${res.statusCode} ${res.body}`);
    // After migration 0036 (issue 16) the session owes its second factor; the 0014 checkout has none.
    const pass = (client as { passSecondFactor?: () => Promise<void> }).passSecondFactor;
    if (pass) await pass.call(client);
    c[who] = client;
  }
  return c;
}

function expectStatus(res: { statusCode: number; body: string }, what: string, ...ok: number[]) {
  if (!ok.includes(res.statusCode)) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

export interface Calendar {
  currentId: string;
  previousId: string;
  /** A weekday of the current semester before the clock's today. */
  sessionDay: string;
}

/**
 * What the demo does not have, written through the API of the code at 0014: several measures per
 * plan, sessions and payments, a return with comments on measures, a revision that drops a measure
 * a session points at, and a plan copied to the next semester ("continue").
 */
export async function populate(app: FastifyInstance, cal: Calendar): Promise<void> {
  const c = await signInAll(app);
  const k = c['koord.s1'];
  const orgs = (await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  const schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id as string;
  const teacherId = (await k.get('/api/users?q=skolotajs.s1')).json().items[0].id as string;
  const fixture = (serial: number, semesterId: string) =>
    createPlanFixture(c, {
      schoolId,
      semesterId,
      personalCode: makeOldPersonalCode(`2010-06-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
      firstName: 'Migrācijas',
      lastName: `Skolēns${serial}`,
      classLabel: '9.b',
      grade: 9,
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
  /** Adds a second goal and economic and other measures to a fixture's draft. */
  const widen = async (planId: string) => {
    const plan = (await k.get(`/api/plans/${planId}`)).json();
    const content = plan.content;
    const risk = content.riskIds[0];
    content.goals.push({ id: randomUUID(), text: 'Otrais mērķis', criterion: 'Kritērijs' });
    content.measures.push(
      {
        id: randomUUID(),
        kind: 'economic',
        economicCategory: 'transport',
        plannedCents: 3550,
        description: 'Biļetes',
        riskIds: [risk],
        justification: 'Transports',
      },
      {
        id: randomUUID(),
        kind: 'other',
        otherType: 'mentoring',
        riskIds: [risk],
        justification: 'Mentors',
      },
      {
        id: randomUUID(),
        kind: 'consultation',
        consultationType: 'psychologist',
        providerId: teacherId,
        plannedHours: 2.5,
        riskIds: [risk],
        justification: 'Psihologs',
      },
    );
    content.supervisorId = teacherId;
    expectStatus(await k.request('PUT', `/api/plans/${planId}/content`, content), 'widen', 200);
    return (await k.get(`/api/plans/${planId}`)).json().content;
  };

  // A running plan with sessions on two measures and a payment; then revised, dropping a measure
  // that has a session (its session stays and counts on the timesheet).
  const running = await fixture(961, cal.currentId);
  const content = await widen(running.planId);
  await approveAndStart(c, running.planId);
  for (const [i, measure] of [content.measures[0], content.measures[3]].entries()) {
    const res = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: cal.sessionDay,
      startTime: `1${i}:00`,
      minutes: 45,
      mode: 'in_person',
      topic: 'Konsultācija',
      participants: [{ studentId: running.studentId, planId: running.planId, measureId: measure.id }],
    });
    expectStatus(res, 'session', 200, 201);
  }
  expectStatus(
    await k.post(`/api/plans/${running.planId}/payments`, {
      measureId: content.measures[1].id,
      onDate: cal.sessionDay,
      amountCents: 1250,
      recipient: 'AS Pasažieru vilciens',
      documentRef: 'Čeks 42',
    }),
    'payment',
    200,
    201,
  );
  expectStatus(await k.post(`/api/plans/${running.planId}/revise`), 'revise', 200);
  const revised = { ...content, measures: content.measures.filter((_: unknown, i: number) => i !== 3) };
  expectStatus(await k.request('PUT', `/api/plans/${running.planId}/content`, revised), 'revised', 200);

  // Returned by the director with comments on two measures.
  const returned = await fixture(962, cal.currentId);
  const rc = await widen(returned.planId);
  expectStatus(await k.post(`/api/plans/${returned.planId}/submit`), 'submit', 200);
  expectStatus(
    await c['direktors.s1'].post(`/api/plans/${returned.planId}/return`, {
      comment: 'Precizējiet',
      measureComments: [
        { measureId: rc.measures[2].id, comment: 'Kāpēc mentors?' },
        { measureId: rc.measures[0].id, comment: 'Par daudz stundu' },
      ],
    }),
    'return',
    200,
  );
  // The preparer drops the commented "other" measure before resubmitting.
  const fixed = { ...rc, measures: rc.measures.filter((_: unknown, i: number) => i !== 2) };
  expectStatus(await k.request('PUT', `/api/plans/${returned.planId}/content`, fixed), 'fix', 200);
  expectStatus(await k.post(`/api/plans/${returned.planId}/submit`), 'resubmit', 200);

  // Last semester's plan, evaluated and continued: the copy is a draft of the current semester.
  const past = await fixture(963, cal.previousId);
  const pc = await widen(past.planId);
  await approveAndStart(c, past.planId);
  expectStatus(
    await k.post(`/api/plans/${past.planId}/evaluate`, {
      measures: pc.measures.map((m: { id: string }) => ({ measureId: m.id, carriedOut: 'partly' })),
      progress: 'Daļējs progress',
      risksDecreased: 'partly',
      continueNextSemester: true,
    }),
    'evaluate',
    200,
  );
}

/** Everything the content shows up in, per plan of school 1 and for the demo teacher. */
export async function snapshot(app: FastifyInstance, months: string[]): Promise<Record<string, unknown>> {
  const c = await signInAll(app);
  const k = c['koord.s1'];
  const orgs = (await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  const schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id as string;
  const list = (await k.get(`/api/plans?schoolId=${schoolId}&pageSize=200`)).json().items as { id: string }[];
  const plans: Record<string, unknown> = {};
  for (const { id } of list) {
    const pdf = await k.get(`/api/plans/${id}/pdf?lang=lv`);
    expectStatus(pdf, 'pdf', 200);
    plans[id] = {
      // `can` (the caller's abilities) arrived with the authorization work after 0014: not content.
      plan: withoutAbilities((await k.get(`/api/plans/${id}`)).json()),
      progress: (await k.get(`/api/plans/${id}/progress`)).json(),
      diff: (await k.get(`/api/plans/${id}/diff`)).json(),
      pdfText: await pdfText(pdf.rawPayload),
    };
  }
  const timesheets: Record<string, unknown> = {};
  // `can` on a timesheet month arrived with the support abilities after 0015: not content.
  for (const month of months)
    timesheets[month] = withoutAbilities(
      (await k.get(`/api/timesheets?schoolId=${schoolId}&month=${month}`)).json(),
    );
  return {
    plans,
    timesheets,
    // PIN status (hasPin, pinSetters) arrived with class PINs after 0015: not content.
    myMeasures: {
      items: (
        (await c['skolotajs.s1'].get('/api/support/my-measures')).json().items as Record<string, unknown>[]
      ).map(({ hasPin: _h, pinSetters: _p, ...rest }) => rest),
    },
  };
}

function withoutAbilities(plan: Record<string, unknown>): Record<string, unknown> {
  // `pin` (PIN status) arrived with class PINs after 0015, like `can`: not content.
  const { can: _can, pin: _pin, ...rest } = plan;
  return rest;
}
