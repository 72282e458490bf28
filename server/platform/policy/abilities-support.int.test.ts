import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { approveAndStart, createPlanFixture, organisationIdsByCode } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

/**
 * The `can` of support sessions and timesheet months is the gate's decision plus the record's
 * state (abilities.int.test.ts does the same for students, organisations, users and plans): for
 * each role and relation — the own session, another provider's, another school's — an ability is
 * true exactly when its route gets past the gate and the state allows it.
 */
const WHO = [
  'admin',
  'eksperts',
  'koord.ziemelu',
  'koord.dienvidu',
  'direktors.s1',
  'koord.s1',
  'koord.s2',
  'psihologs.s1',
  'skolotajs.s1',
  'skolotajs2.s1',
  'skolotajs.s2',
  'auditors',
] as const;

let server: TestServer;
const c: Record<string, TestClient> = {};
let cal: TestCalendar;
let schools: { s1: string; s2: string };
let inPerson: { id: string; can: { confirm: boolean } };
let remote: { id: string; can: { confirm: boolean } };
let participantId: string;

const passedGate = (status: number) => status !== 403 && status !== 404;
const mySessions = async (who: string) =>
  (await c[who].get(`/api/support/sessions?from=${cal.today}&to=${cal.today}`)).json().items as {
    id: string;
    can: { confirm: boolean };
  }[];
/** Confirms an unknown student: past the gate it is 400 pin_wrong (nothing changes). */
const probeConfirm = (who: string, sessionId: string) =>
  c[who].post(`/api/support/sessions/${sessionId}/confirm`, { studentId: randomUUID(), pin: '000000' });

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of WHO) c[who] = await server.signIn(who);
  const ids = await organisationIdsByCode(c.admin);
  schools = { s1: ids['ZIEM-S1'], s2: ids['ZIEM-S2'] };
  const teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const plan = await createPlanFixture(c, {
    schoolId: schools.s1,
    semesterId: cal.current.id,
    personalCode: makeOldPersonalCode('2010-06-11', 961),
    firstName: 'Spēju',
    lastName: 'Pārbaude',
    classLabel: '9.a',
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
    start: false,
  });
  await approveAndStart(c, plan.planId);
  participantId = plan.studentId;
  const record = async (mode: string, startTime: string) => {
    const res = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: cal.today,
      startTime,
      minutes: 45,
      mode,
      topic: 'Spēju pārbaude',
      participants: [plan],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  inPerson = await record('in_person', '08:00');
  remote = await record('remote', '09:00');
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('can on support sessions', () => {
  it('the provider may confirm an own in-person session on the day; a remote one never on the device', async () => {
    expect(inPerson.can).toEqual({ confirm: true });
    expect(remote.can).toEqual({ confirm: false });
    const listed = await mySessions('skolotajs.s1');
    expect(listed.find((s) => s.id === inPerson.id)?.can.confirm).toBe(true);
    expect(listed.find((s) => s.id === remote.id)?.can.confirm).toBe(false);
    const ok = await probeConfirm('skolotajs.s1', inPerson.id);
    expect(ok.statusCode, ok.body).toBe(400);
    expect(ok.json().error.code).toBe('pin_wrong');
    const onRemote = await probeConfirm('skolotajs.s1', remote.id);
    expect(onRemote.statusCode).toBe(409);
  });

  it("another provider (same school or another school) and every other role neither list nor confirm the teacher's session", async () => {
    for (const who of WHO) {
      if (who === 'skolotajs.s1') continue;
      expect(
        (await mySessions(who)).some((s) => s.id === inPerson.id),
        who,
      ).toBe(false);
      expect((await probeConfirm(who, inPerson.id)).statusCode, who).toBe(404);
    }
  });
});

describe('can on timesheet months', () => {
  it('enter, signOff and adjust match their routes for every role, in its school and another school', async () => {
    let compared = 0;
    const seen = new Set<string>();
    for (const [i, who] of WHO.entries()) {
      for (const [k, schoolId] of [schools.s1, schools.s2].entries()) {
        // A month of its own per role and school, so one sign-off does not decide another's answer.
        const month = `${2017 + k}-${String(i + 1).padStart(2, '0')}`;
        const entry = (kind: string) =>
          c[who].post('/api/timesheets/entries', {
            schoolId,
            month,
            providerId: randomUUID(), // not school staff: 400 after the gate, nothing written
            kind,
            hours: 1,
            ...(kind === 'adjustment' ? { reason: 'Pārbaude' } : {}),
          });
        const read = await c[who].get(`/api/timesheets?schoolId=${schoolId}&month=${month}`);
        if (read.statusCode !== 200) {
          expect([403, 404], `${who} ${month}`).toContain(read.statusCode);
          expect(passedGate((await entry('preparation')).statusCode), `${who} enter`).toBe(false);
          const signOff = await c[who].post('/api/timesheets/sign-off', { schoolId, month });
          expect(passedGate(signOff.statusCode), `${who} sign off`).toBe(false);
          continue;
        }
        const open = read.json().can;
        expect(open.adjust, `${who} adjust before sign-off`).toBe(false);
        expect(passedGate((await entry('preparation')).statusCode), `${who} enter`).toBe(open.enter);
        const signOff = await c[who].post('/api/timesheets/sign-off', { schoolId, month });
        expect(passedGate(signOff.statusCode), `${who} sign off`).toBe(open.signOff);
        const after = (await c[who].get(`/api/timesheets?schoolId=${schoolId}&month=${month}`)).json().can;
        if (open.signOff) {
          expect(signOff.statusCode).toBe(200);
          // Signed off: no more entries or sign-off; an adjustment for whoever may enter.
          expect(after).toEqual({ enter: false, adjust: open.enter, signOff: false });
          const adjust = await entry('adjustment');
          expect(passedGate(adjust.statusCode), `${who} adjust`).toBe(after.adjust);
          expect((await entry('preparation')).statusCode).toBe(open.enter ? 409 : 403);
        } else expect(after).toEqual(open);
        compared++;
        seen.add(`${open.enter}/${open.signOff}`);
      }
    }
    expect(compared).toBeGreaterThan(5);
    // Seen: a coordinator (enter and sign off), a director (enter only), a manager who only reads.
    expect([...seen].sort()).toEqual(['false/false', 'true/false', 'true/true']);
  });

  it("a signed-off month takes the session's confirm away (the month is closed)", async () => {
    const month = cal.today.slice(0, 7);
    const res = await c['koord.s1'].post('/api/timesheets/sign-off', { schoolId: schools.s1, month });
    expect(res.statusCode, res.body).toBe(200);
    const listed = await mySessions('skolotajs.s1');
    expect(listed.find((s) => s.id === inPerson.id)?.can.confirm).toBe(false);
    // The participant itself (the month is checked before the PIN).
    const refused = await c['skolotajs.s1'].post(`/api/support/sessions/${inPerson.id}/confirm`, {
      studentId: participantId,
      pin: '000000',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('month_signed_off');
  });
});
