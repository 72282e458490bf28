import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock } from '../../../test/calendar.ts';
import { organisationIdsByCode, submittedPlanFixture } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let org: Record<string, string>;
let semesterId: string;
let teacherId: string;
const STAFF_PASSWORD = 'Zvana-skaitītājs-4711';

interface Note {
  id: string;
  kind: string;
  planId: string | null;
  read: boolean;
  done: boolean;
}

async function bell(who: string): Promise<{ items: Note[]; unread: number }> {
  const res = await c[who].get('/api/notifications');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The person's "plan waits for you" notice of a plan. */
async function waitingNotice(who: string, planId: string): Promise<Note | undefined> {
  return (await bell(who)).items.find((n) => n.planId === planId && n.kind === 'plan_waiting');
}

async function staff(email: string, school: string, role: string): Promise<void> {
  const res = await c.admin.post('/api/users', {
    email,
    firstName: 'Otrs',
    lastName: 'Direktors',
    homeOrganisationId: org[school],
    password: STAFF_PASSWORD,
  });
  expect(res.statusCode, res.body).toBe(201);
  const grant = await c.admin.post(`/api/users/${res.json().id}/grants`, {
    role,
    organisationId: org[school],
  });
  expect(grant.statusCode, grant.body).toBe(201);
  const client = server.client(`10.0.9.${Object.keys(c).length}`);
  const login = await client.login(email, STAFF_PASSWORD);
  expect(login.statusCode, login.body).toBe(200);
  // A director owes a second factor (issue 16): marked done in the database, as test/server.ts signIn does.
  await client.passSecondFactor();
  c[email.split('@')[0]] = client;
}

/** A plan of school 1 submitted for approval, waiting for its directors. */
async function submittedPlan(serial: number): Promise<string> {
  return submittedPlanFixture(c, {
    schoolId: org['ZIEM-S1'],
    semesterId,
    personalCode: makeOldPersonalCode(`2011-06-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Zvans',
    lastName: `Gaidošs${serial}`,
    classLabel: '7.a',
    grade: 7,
    providerId: teacherId,
  });
}

beforeAll(async () => {
  server = await createTestServer();
  const cal = await moveClockIntoSemester(server.database);
  semesterId = cal.current.id;
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu']) c[who] = await server.signIn(who);
  org = await organisationIdsByCode(c.admin);
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  await staff('otrs.direktors.s1@demo.pumpurs.lv', 'ZIEM-S1', 'school_director');
  await staff('cits.direktors.s2@demo.pumpurs.lv', 'ZIEM-S2', 'school_director');
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('notifications answered by a later move of the plan', () => {
  it("marks the other director's notice done when one director approves; the bell stops counting it", async () => {
    const plan = await submittedPlan(901);
    const before = await bell('otrs.direktors.s1');
    expect(await waitingNotice('otrs.direktors.s1', plan)).toMatchObject({ read: false, done: false });
    expect(await waitingNotice('direktors.s1', plan)).toMatchObject({ done: false });

    expect((await c['direktors.s1'].post(`/api/plans/${plan}/approve`)).statusCode).toBe(200);

    const after = await bell('otrs.direktors.s1');
    expect(after.unread).toBe(before.unread - 1);
    // Still listed, but as done (and not as unread).
    expect(await waitingNotice('otrs.direktors.s1', plan)).toMatchObject({ read: false, done: true });
    // The next level's notice is new and open.
    expect(await waitingNotice('koord.ziemelu', plan)).toMatchObject({ read: false, done: false });
  });

  it('marks every other director’s notices done after a bulk approval, in the same request', async () => {
    const plans = [await submittedPlan(902), await submittedPlan(903), await submittedPlan(904)];
    const before = await bell('otrs.direktors.s1');
    const res = await c['direktors.s1'].post('/api/approvals/approve', { planIds: plans.slice(0, 2) });
    expect(res.statusCode, res.body).toBe(200);
    const after = await bell('otrs.direktors.s1');
    expect(after.unread).toBe(before.unread - 2);
    for (const id of plans.slice(0, 2))
      expect(await waitingNotice('otrs.direktors.s1', id)).toMatchObject({ done: true });
    // The plan not approved still waits for both directors.
    expect(await waitingNotice('otrs.direktors.s1', plans[2])).toMatchObject({ done: false });
  });

  it('marks the waiting notices done when the plan is returned, and the returned notice when it is resubmitted', async () => {
    const plan = await submittedPlan(905);
    const returned = await c['direktors.s1'].post(`/api/plans/${plan}/return`, {
      comment: 'Jāpapildina',
      measureComments: [],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await waitingNotice('otrs.direktors.s1', plan)).toMatchObject({ done: true });
    const preparerNote = () =>
      bell('koord.s1').then((b) => b.items.find((n) => n.planId === plan && n.kind === 'plan_returned'));
    expect(await preparerNote()).toMatchObject({ done: false });
    const unreadBefore = (await bell('koord.s1')).unread;
    expect((await c['koord.s1'].post(`/api/plans/${plan}/submit`)).statusCode).toBe(200);
    expect(await preparerNote()).toMatchObject({ done: true });
    expect((await bell('koord.s1')).unread).toBe(unreadBefore - 1);
    // The resubmission asks the directors again: a new open notice beside the done one.
    const notes = (await bell('otrs.direktors.s1')).items.filter(
      (n) => n.planId === plan && n.kind === 'plan_waiting',
    );
    expect(notes.map((n) => n.done).sort()).toEqual([false, true]);
  });

  it("never shows another school's plans to a director of another school", async () => {
    await submittedPlan(906);
    const other = await bell('cits.direktors.s2');
    expect(other.items).toEqual([]);
    expect(other.unread).toBe(0);
  });

  it("cannot mark another person's notification read (404)", async () => {
    const plan = await submittedPlan(907);
    const note = (await waitingNotice('otrs.direktors.s1', plan)) as Note;
    expect((await c['cits.direktors.s2'].post(`/api/notifications/${note.id}/read`)).statusCode).toBe(404);
    expect(await waitingNotice('otrs.direktors.s1', plan)).toMatchObject({ read: false });
  });
});
