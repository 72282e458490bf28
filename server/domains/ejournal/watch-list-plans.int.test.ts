import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let semesterId: string;

interface Item {
  studentId: string;
  schoolId: string;
  planStatus: string | null;
  flags: unknown[];
}

async function watchList(who: string, query = ''): Promise<Item[]> {
  const res = await c[who].get(`/api/watch-list?semesterId=${semesterId}&pageSize=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/** The status of the student's live plan of the semester, as the plan list shows it to an admin. */
async function planStatusOf(studentId: string): Promise<string | null> {
  const res = await c.admin.get(`/api/plans?studentId=${studentId}&semesterId=${semesterId}&pageSize=50`);
  const live = (res.json().items as { status: string }[]).filter((p) => p.status !== 'deleted');
  return live[0]?.status ?? null;
}

beforeAll(async () => {
  server = await createTestServer();
  semesterId = (await moveClockIntoSemester(server.database)).current.id;
  for (const who of ['admin', 'koord.s1', 'koord.s2']) c[who] = await server.signIn(who);
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('watch list: plan status and "flagged without a plan"', () => {
  it("shows each student's plan status of the semester as the plans show it", async () => {
    const items = await watchList('koord.s1');
    expect(items.length).toBeGreaterThan(0);
    for (const i of items.slice(0, 15))
      expect(i.planStatus, i.studentId).toBe(await planStatusOf(i.studentId));
  });

  it('filters flagged students without a plan, and a new plan takes the student off that list', async () => {
    const all = await watchList('koord.s1');
    const without = await watchList('koord.s1', '&withoutPlan=true');
    expect(without.map((i) => i.studentId).sort()).toEqual(
      all
        .filter((i) => i.planStatus === null)
        .map((i) => i.studentId)
        .sort(),
    );
    expect(without.every((i) => i.flags.length > 0 && i.planStatus === null)).toBe(true);
    const student = without[0];
    expect(student).toBeDefined();
    const created = await c['koord.s1'].post('/api/plans', { studentId: student.studentId, semesterId });
    expect(created.statusCode, created.body).toBe(201);
    expect((await watchList('koord.s1', '&withoutPlan=true')).map((i) => i.studentId)).not.toContain(
      student.studentId,
    );
    expect((await watchList('koord.s1')).find((i) => i.studentId === student.studentId)?.planStatus).toBe(
      'draft',
    );
  });

  it("never shows another school's students or plan statuses", async () => {
    const s1 = new Set((await watchList('koord.s1')).map((i) => i.studentId));
    const s2 = await watchList('koord.s2', '&withoutPlan=true');
    expect(s2.some((i) => s1.has(i.studentId))).toBe(false);
    expect(new Set(s2.map((i) => i.schoolId)).size).toBeLessThanOrEqual(1);
  });

  it('refuses a forged filter value with 400', async () => {
    for (const v of ['yes', '1', 'true\u0000', 'x'.repeat(10_000)]) {
      const res = await c['koord.s1'].get(`/api/watch-list?withoutPlan=${encodeURIComponent(v)}`);
      expect(res.statusCode, v.slice(0, 10)).toBe(400);
    }
  });
});
