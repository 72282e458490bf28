import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { resetClock } from '../../platform/clock.ts';

let server: TestServer;
let cal: TestCalendar;
const c: Record<string, TestClient> = {};
let lastPlanId = '';

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts'])
    c[who] = await server.signIn(who);
});
afterAll(async () => {
  resetClock();
  await server?.close();
});

type Item = { code: string; source: string };
const PROGRAMME_19 = [
  'L01',
  'L02',
  'L04',
  'L05',
  'E01',
  'E02',
  'E03',
  'E04',
  'F01',
  'F02',
  'F03',
  'F04',
  'F05',
]
  .concat(['S01', 'S02', 'S03', 'S04', 'S05', 'S06'])
  .sort();

describe('risk catalogue: the programme’s 19 and the added items', () => {
  it('marks exactly the 19 published items as programme and the others as added', async () => {
    const items: Item[] = (await c['koord.s1'].get('/api/risk-catalogue')).json().items;
    const programme = items.filter((i) => i.source === 'programme').map((i) => i.code);
    expect(programme.sort()).toEqual(PROGRAMME_19);
    const added = items.filter((i) => i.source === 'added').map((i) => i.code);
    expect(added).toEqual(expect.arrayContaining(['L03', 'L06', 'E05', 'F06', 'S07', 'S08']));
    expect(programme.length + added.length).toBe(items.length);
  });

  it('a risk the national admin adds is "added"', async () => {
    const res = await c.admin.post('/api/risk-catalogue', {
      code: 'X901',
      riskType: 'learning',
      nameLv: 'Jauns risks',
      nameEn: 'New risk',
    });
    expect(res.statusCode, res.body).toBe(201);
    const items: Item[] = (await c.admin.get('/api/risk-catalogue')).json().items;
    expect(items.find((i) => i.code === 'X901')?.source).toBe('added');
  });
});

describe('consultation providers the programme names', () => {
  for (const [consultationType, n] of [
    ['sign_language_interpreter', 941],
    ['occupational_therapist', 942],
    ['teacher_assistant', 943],
  ] as const) {
    it(`a plan measure can be a consultation by ${consultationType}`, async () => {
      const schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
      const p = await createPlanFixture(c, {
        schoolId,
        semesterId: cal.current.id,
        personalCode: makeOldPersonalCode('2011-04-04', n),
        firstName: 'Speciālists',
        lastName: `Tips${n}`,
        classLabel: '8.a',
        grade: 8,
        riskCode: 'L01',
        riskJustification: 'Kavējumi',
        goal: 'Mērķis',
        measure: { kind: 'consultation', consultationType, plannedHours: 2, justification: 'Atbalsts' },
        start: false,
      });
      lastPlanId = p.planId;
      const plan = (await c['koord.s1'].get(`/api/plans/${p.planId}`)).json();
      expect(plan.content.measures.map((m: { consultationType: string }) => m.consultationType)).toEqual([
        consultationType,
      ]);
    });
  }

  it('an unknown provider type is a 400, not a 500', async () => {
    expect(lastPlanId).not.toBe('');
    const res = await c['koord.s1'].request('PUT', `/api/plans/${lastPlanId}/content`, {
      riskIds: [],
      goals: [],
      measures: [
        {
          id: randomUUID(),
          kind: 'consultation',
          consultationType: 'astrologer',
          plannedHours: 2,
          justification: 'x',
          riskIds: [],
        },
      ],
      supervisorId: null,
    });
    expect(res.statusCode, res.body).toBe(400);
  });
});
