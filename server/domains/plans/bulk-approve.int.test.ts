import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock } from '../../../test/calendar.ts';
import { organisationIdsByCode, submittedPlanFixture } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let semesterId: string;
let teacherId: string;

/** A plan of school 1 submitted for approval, waiting for its director. */
async function submittedPlan(serial: number): Promise<string> {
  return submittedPlanFixture(c, {
    schoolId: schoolId,
    semesterId,
    personalCode: makeOldPersonalCode(`2011-05-${String((serial % 28) + 1).padStart(2, '0')}`, serial),
    firstName: 'Kopā',
    lastName: `Apstiprināms${serial}`,
    classLabel: '8.b',
    grade: 8,
    providerId: teacherId,
  });
}

/** The plan's approval events as the plan page shows them. */
async function approvals(planId: string) {
  const plan = (await c.admin.get(`/api/plans/${planId}`)).json();
  return (plan.history as { action: string }[]).filter((e) => e.action === 'approve');
}

/** What a plan's approvals left behind: audit rows and notifications, without ids and times. */
async function trail(planId: string) {
  return server.database.read(async (tx) => ({
    audit: await queryRows<Record<string, string | null>>(
      tx,
      sql`select a.action, a.outcome, a.entity_type, a.org_id, u.email from audit_events a
          left join users u on u.id = a.actor_id
          where a.entity_id = ${planId} and a.action = 'plan.approve' order by a.id`,
    ),
    notifications: await queryRows<Record<string, string | null>>(
      tx,
      sql`select u.email, n.kind, n.params->>'level' as level, n.params->>'code' = p.code as code_matches
          from notifications n join users u on u.id = n.user_id join plans p on p.id = n.plan_id
          where n.plan_id = ${planId} order by n.kind, u.email, n.params->>'level'`,
    ),
  }));
}

/** On PostgreSQL, locks a plan row in a transaction of its own until `release` is called. */
async function holdPlanRow(planId: string) {
  let release = () => {};
  if (server.database.kind !== 'postgres') return { release, holding: Promise.resolve() };
  const released = new Promise<void>((r) => {
    release = r;
  });
  let taken = () => {};
  const locked = new Promise<void>((r) => {
    taken = r;
  });
  const holding = server.database.withTx(async (tx) => {
    await queryRows(tx, sql`select id from plans where id = ${planId} for update`);
    taken();
    await released;
  });
  await locked;
  return { release, holding };
}

/** On PostgreSQL, waits (up to 10 s) until `n` transactions wait for a row lock. */
async function waitForLockWaiters(n: number) {
  if (server.database.kind !== 'postgres') return;
  for (let i = 0; i < 200; i++) {
    const [row] = await server.database.read((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from pg_locks where not granted`),
    );
    if (row.n >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${n} transactions waited for a lock`);
}

beforeAll(async () => {
  server = await createTestServer();
  const cal = await moveClockIntoSemester(server.database);
  for (const who of ['admin', 'koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts'])
    c[who] = await server.signIn(who);
  schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
  semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('bulk approval', () => {
  it('writes the same events, audit rows and notifications as approving each plan alone, up to the last level', async () => {
    const single = await submittedPlan(801);
    const bulk = [await submittedPlan(802), await submittedPlan(803)];
    const steps: [string, string | null, string][] = [
      ['direktors.s1', 'municipality', 'in_approval'],
      ['koord.ziemelu', 'expert', 'in_approval'],
      ['eksperts', null, 'approved'],
    ];
    for (const [who, level, status] of steps) {
      expect((await c[who].post(`/api/plans/${single}/approve`)).statusCode).toBe(200);
      const res = await c[who].post('/api/approvals/approve', { planIds: [bulk[1], bulk[0], bulk[1]] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ approved: 2 });
      for (const id of [single, ...bulk]) {
        const plan = (await c.admin.get(`/api/plans/${id}`)).json();
        expect(plan).toMatchObject({ status, approvalLevel: level });
        expect(plan.waitingSince === null).toBe(level === null);
      }
    }
    const expected = await approvals(single);
    expect(expected).toHaveLength(3);
    const strip = (events: Record<string, unknown>[]) => events.map(({ at: _at, ...e }) => e);
    const expectedTrail = await trail(single);
    expect(expectedTrail.audit).toHaveLength(3);
    // Creation: the teacher named on the measure; submit: the directors; each approval: the next
    // level's approvers and the preparer.
    expect(expectedTrail.notifications.map((n) => n.kind).sort()).toEqual([
      'plan_approved',
      'plan_level_approved',
      'plan_level_approved',
      'plan_provider',
      'plan_waiting',
      'plan_waiting',
      'plan_waiting',
    ]);
    expect(expectedTrail.notifications.every((n) => n.code_matches)).toBe(true);
    for (const id of bulk) {
      expect(strip(await approvals(id))).toEqual(strip(expected));
      const got = await trail(id);
      expect(got.audit).toEqual(expectedTrail.audit);
      expect(got.notifications).toEqual(expectedTrail.notifications);
    }
  });

  it('approves each plan once when two bulk approvals over overlapping plans arrive at once', async () => {
    const [a, b, d, e] = [
      await submittedPlan(811),
      await submittedPlan(812),
      await submittedPlan(813),
      await submittedPlan(814),
    ];
    // On PostgreSQL another transaction holds b's row until both requests have passed their checks
    // and wait for row locks, so they really overlap. Overlapping sets in opposite orders: rows
    // locked in request order would deadlock; locked in id order, the second waits and then sees
    // the plans moved on. (PGlite runs one transaction at a time: there the requests just queue.)
    const { release, holding } = await holdPlanRow(b);
    const both = Promise.all([
      c['direktors.s1'].post('/api/approvals/approve', { planIds: [a, b, d] }),
      c['direktors.s1'].post('/api/approvals/approve', { planIds: [e, d, b] }),
    ]);
    await waitForLockWaiters(2);
    release();
    await holding;
    const [first, second] = await both;
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 403]);
    const [won, lost] = first.statusCode === 200 ? [[a, b, d], [e]] : [[e, d, b], [a]];
    expect((first.statusCode === 200 ? first : second).json()).toEqual({ approved: 3 });
    for (const id of won) {
      expect(await approvals(id)).toHaveLength(1);
      expect((await c.admin.get(`/api/plans/${id}`)).json().approvalLevel).toBe('municipality');
    }
    // All or nothing: the refused set's own plan is untouched.
    for (const id of lost) {
      expect(await approvals(id)).toHaveLength(0);
      expect((await c.admin.get(`/api/plans/${id}`)).json().approvalLevel).toBe('director');
    }
  });
});
