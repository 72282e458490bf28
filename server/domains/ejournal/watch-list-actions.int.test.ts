import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { today } from '../../platform/clock.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let semesterId: string;

interface Item {
  studentId: string;
  planStatus: string | null;
  legalDuty: { crossedOn: string; informedOn: string | null } | null;
  can: { createPlan: boolean; recordLegalDuty: boolean };
}

async function watchList(who: string, query = ''): Promise<Item[]> {
  const res = await c[who].get(`/api/watch-list?semesterId=${semesterId}&pageSize=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

beforeAll(async () => {
  server = await createTestServer();
  semesterId = (await moveClockIntoSemester(server.database)).current.id;
  for (const who of ['koord.s1', 'koord.ziemelu']) c[who] = await server.signIn(who);
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('watch list rows say what the caller may do (from the gate)', () => {
  it('the school coordinator may create a plan exactly for the students without one', async () => {
    const items = await watchList('koord.s1');
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.can.createPlan, i.studentId).toBe(i.planStatus === null);
    expect(items.some((i) => i.can.createPlan)).toBe(true);
  });

  it('"legalDuty=open" lists exactly the start page count, each one recordable by the school', async () => {
    const summary = (await c['koord.s1'].get(`/api/watch-list/summary?semesterId=${semesterId}`)).json();
    const open = await watchList('koord.s1', '&legalDuty=open');
    expect(open.length).toBe(summary.legalDutyOpen);
    expect(open.length).toBeGreaterThan(0);
    for (const i of open) {
      expect(i.legalDuty, i.studentId).not.toBeNull();
      expect(i.legalDuty?.informedOn, i.studentId).toBeNull();
      expect(i.can.recordLegalDuty, i.studentId).toBe(true);
    }
    const all = await watchList('koord.s1');
    for (const i of all)
      expect(i.can.recordLegalDuty).toBe(i.legalDuty !== null && i.legalDuty.informedOn === null);
  });

  it('after recording the notice the row loses the action and leaves the "open" list', async () => {
    // The demo was made at start-up and the clock then moved into the semester: a line crossed
    // after the moved "today" cannot be reported yet, so take one crossed by today.
    const open = await watchList('koord.s1', '&legalDuty=open');
    const first = open.find((i) => i.legalDuty !== null && i.legalDuty.crossedOn <= today());
    if (!first) throw new Error(`no open legal duty crossed by ${today()}`);
    const res = await c['koord.s1'].post(`/api/students/${first.studentId}/legal-duty`, {
      semesterId,
      informedOn: first.legalDuty?.crossedOn,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await watchList('koord.s1', '&legalDuty=open')).map((i) => i.studentId)).not.toContain(
      first.studentId,
    );
  });

  it("the municipality's coordinator sees the rows but may do neither", async () => {
    const items = await watchList('koord.ziemelu');
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((i) => i.can.createPlan || i.can.recordLegalDuty)).toEqual([]);
  });

  it('refuses a forged legalDuty value with 400', async () => {
    for (const v of ['closed', 'true', 'open\u0000']) {
      const res = await c['koord.s1'].get(`/api/watch-list?legalDuty=${encodeURIComponent(v)}`);
      expect(res.statusCode, v).toBe(400);
    }
  });
});
