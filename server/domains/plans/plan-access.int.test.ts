import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let teacherId: string;
let school5Id: string;
let cal: TestCalendar;

/** A plan submitted for approval, waiting for its director: of school 1, or of school 5 (another municipality). */
async function submittedPlan(serial: number, school: 's1' | 's5' = 's1'): Promise<string> {
  const koord = c[`koord.${school}`];
  const p = await createPlanFixture(
    { ...c, 'koord.s1': koord },
    {
      schoolId: school === 's1' ? schoolId : school5Id,
      semesterId,
      personalCode: makeOldPersonalCode(`2011-07-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
      firstName: 'Piekļuves',
      lastName: `Pārbaude${serial}`,
      classLabel: '8.a',
      grade: 8,
      riskCode: 'L02',
      riskJustification: 'Grūtības',
      goal: 'Mērķis',
      measure: {
        kind: 'consultation',
        consultationType: 'subject',
        subject: 'Matemātika',
        providerId: school === 's1' ? teacherId : null,
        plannedHours: 4,
        justification: 'Konsultācijas',
      },
      start: false,
    },
  );
  const res = await koord.post(`/api/plans/${p.planId}/submit`);
  expect(res.statusCode, res.body).toBe(200);
  return p.planId;
}

async function deniedAudits(actorEmail: string) {
  return server.database.read((tx) =>
    queryRows<{ action: string; entity_id: string | null; org_id: string | null }>(
      tx,
      sql`select a.action, a.entity_id, a.org_id from audit_events a join users u on u.id = a.actor_id
          where a.outcome = 'denied' and u.email = ${actorEmail} order by a.id`,
    ),
  );
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'koord.s5'])
    c[who] = await server.signIn(who);
  const orgs = await organisationIdsByCode(c.admin);
  schoolId = orgs['ZIEM-S1'];
  school5Id = orgs['DIEN-S5'];
  semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('notifications', () => {
  it("answers 404 for marking another user's notification read, leaves it unread and audits the denial", async () => {
    const planId = await submittedPlan(971);
    const mine = (await c['direktors.s1'].get('/api/notifications')).json();
    const note = mine.items.find((n: { planId: string }) => n.planId === planId);
    expect(note).toMatchObject({ read: false });
    const res = await c['koord.s1'].post(`/api/notifications/${note.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await c['koord.s1'].post(`/api/notifications/${randomUUID()}/read`)).statusCode).toBe(404);
    const after = (await c['direktors.s1'].get('/api/notifications')).json();
    expect(after.items.find((n: { id: string }) => n.id === note.id).read).toBe(false);
    expect(after.unread).toBe(mine.unread);
    const denied = await deniedAudits('koord.s1@demo.pumpurs.lv');
    expect(denied.some((r) => r.action === 'notification.access' && r.entity_id === note.id)).toBe(true);
    // The owner marks it read; doing it twice is fine.
    expect((await c['direktors.s1'].post(`/api/notifications/${note.id}/read`)).statusCode).toBe(200);
    expect((await c['direktors.s1'].post(`/api/notifications/${note.id}/read`)).statusCode).toBe(200);
    expect(
      (await c['koord.s1'].get('/api/notifications'))
        .json()
        .items.some((n: { id: string }) => n.id === note.id),
    ).toBe(false);
  });
});

describe('bulk approval checks the whole set first', () => {
  it('changes nothing and answers 404 when ids of another municipality are in the array, auditing each', async () => {
    const own = [await submittedPlan(972), await submittedPlan(973)];
    const foreign = [
      { id: await submittedPlan(974, 's5'), status: 'in_approval', approvalLevel: 'director' },
      { id: await submittedPlan(975, 's5'), status: 'in_approval', approvalLevel: 'director' },
    ];
    const missing = randomUUID();
    const res = await c['direktors.s1'].post('/api/approvals/approve', {
      planIds: [own[0], foreign[0].id, own[1], foreign[1].id, missing],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    for (const id of own)
      expect((await c['direktors.s1'].get(`/api/plans/${id}`)).json()).toMatchObject({
        status: 'in_approval',
        approvalLevel: 'director',
      });
    for (const f of foreign)
      expect((await c['koord.s5'].get(`/api/plans/${f.id}`)).json()).toMatchObject({
        status: f.status,
        approvalLevel: f.approvalLevel,
      });
    const denied = (await deniedAudits('direktors.s1@demo.pumpurs.lv')).filter(
      (r) => r.action === 'plan.access',
    );
    for (const id of [foreign[0].id, foreign[1].id, missing])
      expect(denied.some((r) => r.entity_id === id)).toBe(true);
    expect(denied.some((r) => own.includes(r.entity_id ?? ''))).toBe(false);
    // A foreign plan's denial names its own school, so that school's auditors see the attempt.
    expect(denied.find((r) => r.entity_id === foreign[0].id)?.org_id).toBeTruthy();
    const ok = await c['direktors.s1'].post('/api/approvals/approve', { planIds: own });
    expect(ok.json()).toEqual({ approved: 2 });
  });
});
