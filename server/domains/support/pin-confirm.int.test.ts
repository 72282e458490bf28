import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode, type PlanFixture } from '../../../test/factories.ts';
import { answerBody, createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { advanceClock, resetClock, setClock } from '../../platform/clock.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let teacherId: string;
let cal: TestCalendar;
/** When (real time) the clock was moved into the semester. */
let movedAt: number;
/** 0 and 1 take part in the sessions below; 2 never does (the victim); 3 has no PIN at all. */
const kids: PlanFixture[] = [];
const PIN = (i: number) => `${950 + i}7`;

async function runningPlan(serial: number): Promise<PlanFixture> {
  return createPlanFixture(c, {
    schoolId,
    semesterId,
    personalCode: makeOldPersonalCode(`2010-06-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Pin',
    lastName: `Pārbaude${serial}`,
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
      plannedHours: 8,
      justification: 'Konsultācijas',
    },
    start: true,
  });
}

let sessionCount = 0;

async function newSession(mode: 'in_person' | 'remote', who: PlanFixture[]) {
  // Each session its own topic: identical sessions are refused as duplicates.
  sessionCount += 1;
  const res = await c['skolotajs.s1'].post('/api/support/sessions', {
    onDate: todayInLatvia(),
    startTime: '08:00',
    minutes: 15,
    mode,
    topic: `PIN ${sessionCount}`,
    participants: who,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; confirmationPath: string | null };
}

async function auditRows(action: string) {
  return server.database.read((tx) =>
    queryRows<{ outcome: string; entity_type: string; entity_id: string; org_id: string; actor_id: string }>(
      tx,
      sql`select outcome, entity_type, entity_id, org_id, actor_id from audit_events where action = ${action} order by id`,
    ),
  );
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  movedAt = Date.now();
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1'])
    c[who] = await server.signIn(who);
  const orgs = await organisationIdsByCode(c.admin);
  schoolId = orgs['ZIEM-S1'];
  semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  for (const serial of [950, 951, 952, 953]) {
    const p = await runningPlan(serial);
    if (serial !== 953)
      await c['koord.s1'].request('PUT', `/api/students/${p.studentId}/pin`, { pin: PIN(serial - 950) });
    kids.push(p);
  }
});
afterAll(() => {
  resetClock();
  return server.close();
});
// Undoes a test's `advanceClock`: the clock runs on in the semester as if it had never been moved.
afterEach(() => setClock(new Date(Date.parse(`${cal.today}T09:00:00Z`) + Date.now() - movedAt)));

describe('the PIN is checked only for participants of the session', () => {
  it("answers a provider's session exactly like a wrong PIN for a student who is not in it, and never counts it against that student's PIN", async () => {
    const t = c['skolotajs.s1'];
    const s = await newSession('in_person', [kids[0]]);
    const wrong = await t.post(`/api/support/sessions/${s.id}/confirm`, {
      studentId: kids[0].studentId,
      pin: '0000',
    });
    expect(wrong.statusCode).toBe(400);
    // The victim's right PIN, a wrong one six times, and a student without a PIN: all the same answer.
    for (const [studentId, pin] of [
      [kids[2].studentId, PIN(2)],
      ...Array.from({ length: 6 }, () => [kids[2].studentId, '1234']),
      [kids[3].studentId, '1234'],
    ]) {
      const res = await t.post(`/api/support/sessions/${s.id}/confirm`, { studentId, pin });
      expect(res.statusCode).toBe(400);
      expect(answerBody(res)).toEqual(answerBody(wrong));
    }
    // The victim can still confirm a session of their own: the PIN was neither tested nor locked.
    const own = await newSession('in_person', [kids[2]]);
    const ok = await t.post(`/api/support/sessions/${own.id}/confirm`, {
      studentId: kids[2].studentId,
      pin: PIN(2),
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('answers a remote link the same way for a student who is not in the session, and leaves that PIN alone', async () => {
    const s = await newSession('remote', [kids[1]]);
    const path = `/api${s.confirmationPath}`;
    const guest = server.client('10.9.0.1');
    const wrong = await guest.post(path, { studentId: kids[1].studentId, pin: '0000' });
    expect(wrong.statusCode).toBe(400);
    for (const pin of [PIN(2), '1111', '2222']) {
      const res = await guest.post(path, { studentId: kids[2].studentId, pin });
      expect(res.statusCode).toBe(400);
      expect(answerBody(res)).toEqual(answerBody(wrong));
    }
    const pins = await server.database.read((tx) =>
      queryRows<{ failed_attempts: number }>(
        tx,
        sql`select failed_attempts from student_pins where student_id = ${kids[2].studentId}`,
      ),
    );
    expect(pins[0].failed_attempts).toBe(0);
    expect((await guest.post(path, { studentId: kids[1].studentId, pin: PIN(1) })).statusCode).toBe(200);
  });
});

describe('wrong PINs and lock-outs are audited', () => {
  it('writes a failed row per wrong PIN and a lock-out row, with the school and the session, never the PIN', async () => {
    const t = c['skolotajs.s1'];
    await c['koord.s1'].request('PUT', `/api/students/${kids[0].studentId}/pin`, { pin: PIN(0) });
    const s = await newSession('in_person', [kids[0]]);
    for (let i = 0; i < 5; i++)
      await t.post(`/api/support/sessions/${s.id}/confirm`, { studentId: kids[0].studentId, pin: '4321' });
    expect(
      (await t.post(`/api/support/sessions/${s.id}/confirm`, { studentId: kids[0].studentId, pin: PIN(0) }))
        .statusCode,
    ).toBe(423);
    const wrong = (await auditRows('support.pin_wrong')).filter((r) => r.entity_id === s.id);
    expect(wrong).toHaveLength(5);
    expect(
      wrong.every(
        (r) => r.outcome === 'failed' && r.org_id === schoolId && r.entity_type === 'support_session',
      ),
    ).toBe(true);
    const locked = (await auditRows('support.pin_locked')).filter((r) => r.entity_id === s.id);
    expect(locked.length).toBeGreaterThanOrEqual(1);
    expect(locked[0]).toMatchObject({ outcome: 'denied', org_id: schoolId });
    const leaked = await server.database.read((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where entity_id in ('4321', ${PIN(0)}) or action like '%4321%'`,
      ),
    );
    expect(leaked[0].n).toBe(0);
    await c['koord.s1'].request('PUT', `/api/students/${kids[0].studentId}/pin`, { pin: PIN(0) });
  });
});

describe('the public confirmation endpoint is rate-limited', () => {
  it('answers 429 with Retry-After after ten failures from one address, and again after the window', async () => {
    const s = await newSession('remote', [kids[0]]);
    const path = `/api${s.confirmationPath}`;
    const guest = server.client('10.9.0.2');
    for (let i = 0; i < 10; i++) {
      // Alternate unknown links and strangers so no student's PIN gets locked on the way.
      const res =
        i % 2 === 0
          ? await guest.post(`/api/confirm/${'x'.repeat(32)}${i}`, {
              studentId: kids[0].studentId,
              pin: '0000',
            })
          : await guest.post(path, { studentId: kids[2].studentId, pin: '0000' });
      expect(res.statusCode).not.toBe(429);
    }
    const limited = await guest.post(path, { studentId: kids[0].studentId, pin: PIN(0) });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('too_many_confirmations');
    // Another address is not held back by this one.
    expect(
      (await server.client('10.9.0.3').post(path, { studentId: kids[0].studentId, pin: PIN(0) })).statusCode,
    ).toBe(200);
    advanceClock(16 * 60_000);
    expect((await guest.post(path, { studentId: kids[0].studentId, pin: PIN(0) })).statusCode).toBe(409);
  });

  it('answers 429 for one link after twenty failures from many addresses', async () => {
    const s = await newSession('remote', [kids[1]]);
    const path = `/api${s.confirmationPath}`;
    for (let i = 0; i < 20; i++)
      expect(
        (await server.client(`10.9.1.${i}`).post(path, { studentId: kids[2].studentId, pin: '0000' }))
          .statusCode,
      ).toBe(400);
    const res = await server.client('10.9.2.1').post(path, { studentId: kids[1].studentId, pin: PIN(1) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('counts unknown links opened from one address, and then refuses the page too', async () => {
    const s = await newSession('remote', [kids[1]]);
    const guest = server.client('10.9.3.1');
    for (let i = 0; i < 10; i++)
      expect((await guest.get(`/api/confirm/${'y'.repeat(32)}${i}`)).statusCode).toBe(404);
    const page = await guest.get(`/api${s.confirmationPath}`);
    expect(page.statusCode).toBe(429);
    expect(page.headers['retry-after']).toBeDefined();
    expect((await server.client('10.9.3.2').get(`/api${s.confirmationPath}`)).statusCode).toBe(200);
  });
});
