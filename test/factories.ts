import { randomUUID } from 'node:crypto';
import { addDays } from '../server/platform/dates.ts';
import type { TestClient } from './server.ts';

/** A support measure as the plan editor sends it, without its id and risks (the factory adds them). */
export type MeasureInput = Record<string, unknown> & { kind: 'consultation' | 'economic' | 'other' };

export interface PlanFixture {
  planId: string;
  studentId: string;
  measureId: string;
}

/**
 * A student of the school with a guardian's application in force, one risk recorded for the semester
 * and a draft plan with one goal and `measure`; with `start`, the plan is also approved at all three
 * levels (school 1 of Ziemeļu novads) and started.
 */
export async function createPlanFixture(
  c: Record<string, TestClient>,
  o: {
    schoolId: string;
    semesterId: string;
    personalCode: string;
    firstName: string;
    lastName: string;
    classLabel: string;
    grade: number;
    riskCode: string;
    riskJustification: string;
    goal: string;
    measure: MeasureInput;
    start: boolean;
  },
): Promise<PlanFixture> {
  const k = c['koord.s1'];
  const s = (
    await k.post('/api/students', {
      personalCode: o.personalCode,
      firstName: o.firstName,
      lastName: o.lastName,
      schoolId: o.schoolId,
      classLabel: o.classLabel,
      grade: o.grade,
    })
  ).json();
  const g = (
    await k.post(`/api/students/${s.id}/guardians`, {
      firstName: 'Māte',
      lastName: o.lastName,
      relation: 'mother',
    })
  ).json().guardians[0];
  // Signed on the semester's first day and the risk found ten days in: both inside the plan's semester.
  const semester = (await k.get('/api/semesters'))
    .json()
    .items.find((x: { id: string }) => x.id === o.semesterId) as { startsOn: string };
  await k.post(`/api/students/${s.id}/applications`, {
    signedOn: semester.startsOn,
    signerType: 'guardian',
    guardianId: g.id,
  });
  const item = (await k.get('/api/risk-catalogue'))
    .json()
    .items.find((x: { code: string }) => x.code === o.riskCode);
  const risk = (
    await k.post(`/api/students/${s.id}/risks`, {
      semesterId: o.semesterId,
      riskItemId: item.id,
      justification: o.riskJustification,
      foundOn: addDays(semester.startsOn, 9),
    })
  ).json().items[0];
  const plan = (await k.post('/api/plans', { studentId: s.id, semesterId: o.semesterId })).json();
  const measureId = randomUUID();
  await k.request('PUT', `/api/plans/${plan.id}/content`, {
    riskIds: [risk.id],
    goals: [{ id: randomUUID(), text: o.goal, criterion: '' }],
    measures: [{ ...o.measure, id: measureId, riskIds: [risk.id] }],
    supervisorId: null,
  });
  if (o.start) await approveAndStart(c, plan.id);
  return { planId: plan.id as string, studentId: s.id as string, measureId };
}

/** Submits a school-1 plan, approves it at all three levels and starts it. */
export async function approveAndStart(c: Record<string, TestClient>, planId: string): Promise<void> {
  await c['koord.s1'].post(`/api/plans/${planId}/submit`);
  for (const who of ['direktors.s1', 'koord.ziemelu', 'eksperts'])
    await c[who].post(`/api/plans/${planId}/approve`);
  await c['koord.s1'].post(`/api/plans/${planId}/start`);
}

/** Organisation ids by code (`ZIEM-S1`, `DIEN-S5`…), as the given client's organisation list shows them. */
export async function organisationIdsByCode(client: TestClient): Promise<Record<string, string>> {
  const items = (await client.get('/api/organisations')).json().items as { id: string; code: string }[];
  return Object.fromEntries(items.map((o) => [o.code, o.id]));
}

/** Sets one budget line of a school for a semester (as the municipal coordinator) and returns the answer. */
export function setBudgetLine(
  coordinator: TestClient,
  line: { schoolId: string; semesterId: string; category: string; amount: number },
) {
  return coordinator.request('PUT', '/api/budgets', line);
}

/**
 * A plan with one subject consultation of 4 hours given by `providerId` (risk L02), submitted by the
 * coordinator of school 1 and waiting for its director: what the approval and notification tests start
 * from. Returns the plan's id.
 */
export async function submittedPlanFixture(
  c: Record<string, TestClient>,
  o: {
    schoolId: string;
    semesterId: string;
    personalCode: string;
    firstName: string;
    lastName: string;
    classLabel: string;
    grade: number;
    providerId: string;
  },
): Promise<string> {
  const { providerId, ...student } = o;
  const p = await createPlanFixture(c, {
    ...student,
    riskCode: 'L02',
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Matemātika',
      providerId,
      plannedHours: 4,
      justification: 'Konsultācijas',
    },
    start: false,
  });
  const res = await c['koord.s1'].post(`/api/plans/${p.planId}/submit`);
  if (res.statusCode !== 200) throw new Error(`submit: ${res.statusCode} ${res.body}`);
  return p.planId;
}
