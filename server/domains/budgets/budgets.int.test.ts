import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode, setBudgetLine } from '../../../test/factories.ts';
import { ONE_PIXEL_PNG } from '../../../test/scan-samples.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let cal: TestCalendar;
const plansRunning: { planId: string; measureId: string; studentId: string }[] = [];

/** A plan in progress with one economic measure (study materials). */
function economicPlan(serial: number) {
  return createPlanFixture(c, {
    schoolId,
    semesterId,
    personalCode: makeOldPersonalCode(`2010-07-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Ekonomiskais',
    lastName: `Atbalsts${serial}`,
    classLabel: '10.c',
    grade: 10,
    riskCode: 'E02',
    riskJustification: 'Trūcīga ģimene',
    goal: 'Mācību līdzekļi',
    measure: {
      kind: 'economic',
      economicCategory: 'study_materials',
      plannedCents: 15000,
      justification: 'Grāmatas',
    },
    start: true,
  });
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1'])
    c[who] = await server.signIn(who);
  schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
  semesterId = cal.current.id;
  for (const serial of [950, 951]) plansRunning.push(await economicPlan(serial));
  // A small study-materials budget: 100 € for the school this semester.
  const set = await setBudgetLine(c['koord.ziemelu'], {
    schoolId,
    semesterId,
    category: 'study_materials',
    amount: 10000,
  });
  expect(set.statusCode, set.body).toBe(200);
});
afterAll(async () => {
  resetClock();
  await server.close();
});

// Each payment has its own receipt: the same receipt, amount and day twice is refused as a duplicate.
let receipt = 0;
const pay = (who: string, i: number, amountCents: number, extra: Record<string, unknown> = {}) =>
  c[who].post(`/api/plans/${plansRunning[i].planId}/payments`, {
    measureId: plansRunning[i].measureId,
    onDate: cal.weekday(6, 1),
    amountCents,
    recipient: 'Grāmatnīca „Zvaigzne”',
    documentRef: `Č-${i}-${amountCents}-${++receipt}`,
    ...extra,
  });

describe('budgets, caps and payments', () => {
  it('records a payment within the budget and shows it against the plan and the budget', async () => {
    const res = await pay('koord.s1', 0, 4000);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0]).toMatchObject({
      amountCents: 4000,
      category: 'study_materials',
      overCapReason: null,
    });
    const budget = (
      await c['koord.s1'].get(`/api/budgets?schoolId=${schoolId}&semesterId=${semesterId}`)
    ).json();
    expect(budget.lines.find((l: { category: string }) => l.category === 'study_materials')).toEqual({
      category: 'study_materials',
      allocated: 10000,
      used: 4000,
      remaining: 6000,
    });
    expect(budget.canAllocate).toBe(false);
    const progress = (await c['koord.s1'].get(`/api/plans/${plansRunning[0].planId}/progress`)).json();
    expect(progress.economicCents).toEqual({ planned: 15000, spent: 4000 });
  });

  it('never lets two payments recorded at the same time take the budget below zero', async () => {
    // 6,000 cents remain; two payments of 4,000 cents arrive together: one must be refused.
    const [a, b] = await Promise.all([pay('koord.s1', 0, 4000), pay('direktors.s1', 1, 4000)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)?.json().error.code).toBe('over_budget');
    const line = (await c['koord.s1'].get(`/api/budgets?schoolId=${schoolId}&semesterId=${semesterId}`))
      .json()
      .lines.find((l: { category: string }) => l.category === 'study_materials');
    expect(line).toMatchObject({ used: 8000, remaining: 2000 });
  });

  it('refuses a payment over the per-student cap, and accepts it with a coordinator’s recorded decision', async () => {
    expect(
      (await c['koord.s1'].request('PUT', '/api/support-caps', { category: 'study_materials', amount: 5000 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await c.admin.request('PUT', '/api/support-caps', { category: 'study_materials', amount: 5000 }))
        .statusCode,
    ).toBe(200);
    const idx = plansRunning.findIndex(() => true);
    const over = await pay('koord.s1', idx, 1500);
    expect(over.statusCode).toBe(409);
    expect(['over_cap', 'over_budget']).toContain(over.json().error.code);
    const allowed = await pay('koord.s1', idx, 1500, {
      overCapReason: 'Skolēnam nozagtas mācību grāmatas; apstiprināts direktora rīkojumā Nr. 12',
    });
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect(
      allowed
        .json()
        .items.some((p: { overCapReason: string | null }) =>
          p.overCapReason?.startsWith('Skolēnam nozagtas'),
        ),
    ).toBe(true);
    expect((await c['koord.s1'].get(`/api/audit?action=over_cap.decide`)).json().total).toBe(1);
  });

  it('refuses a consultation beyond the school’s hours budget', async () => {
    await setBudgetLine(c['koord.ziemelu'], {
      schoolId,
      semesterId,
      category: 'consultation',
      amount: 0.5,
    });
    const mine = (await c['skolotajs.s1'].get('/api/support/my-measures')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    const res = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: cal.weekday(6, 3),
      startTime: '12:00',
      minutes: 45,
      mode: 'in_person',
      topic: 'x',
      participants: [{ studentId: mine[0].studentId, planId: mine[0].planId, measureId: mine[0].measureId }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('over_budget');
  });

  it('lets only the municipality (or the national admin) allocate', async () => {
    expect(
      (
        await c['koord.s1'].request('PUT', '/api/budgets', {
          schoolId,
          semesterId,
          category: 'meals',
          amount: 1,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('payment scans', () => {
  it('stores a receipt scan with a payment, serves it back, and refuses a file that is not what it claims', async () => {
    const i = 0;
    const payments = (await c['koord.s1'].get(`/api/plans/${plansRunning[i].planId}/payments`)).json().items;
    const paymentId = payments[0].id;
    expect(payments[0].hasScan).toBe(false);
    const png = ONE_PIXEL_PNG;
    const put = await c['koord.s1'].request(
      'PUT',
      `/api/plans/${plansRunning[i].planId}/payments/${paymentId}/scan?fileName=čeks.png`,
      png,
      { headers: { 'content-type': 'image/png' } },
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().items.find((p: { id: string }) => p.id === paymentId).hasScan).toBe(true);
    const get = await c['koord.s1'].get(`/api/plans/${plansRunning[i].planId}/payments/${paymentId}/scan`);
    expect(get.rawPayload.equals(png)).toBe(true);
    const fake = await c['koord.s1'].request(
      'PUT',
      `/api/plans/${plansRunning[i].planId}/payments/${paymentId}/scan?fileName=x.pdf`,
      Buffer.from('not a pdf'),
      { headers: { 'content-type': 'application/pdf' } },
    );
    expect(fake.statusCode).toBe(415);
    const teacher = await c['skolotajs.s1'].request(
      'PUT',
      `/api/plans/${plansRunning[i].planId}/payments/${paymentId}/scan?fileName=x.png`,
      png,
      { headers: { 'content-type': 'image/png' } },
    );
    expect([403, 404]).toContain(teacher.statusCode);
  });
});
