import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let studentId: string;
let planId: string;

beforeAll(async () => {
  server = await createTestServer();
  for (const who of ['koord.s1', 'koord.s2', 'direktors.s1', 'koord.ziemelu', 'koord.dienvidu', 'eksperts'])
    c[who] = await server.signIn(who);
  const orgs = (await c['koord.s1'].get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
  studentId = (await c['koord.s1'].get(`/api/students?schoolId=${schoolId}&pageSize=1`)).json().items[0].id;
  planId = (await c['koord.s1'].get(`/api/plans?schoolId=${schoolId}&pageSize=1`)).json().items[0].id;
});
afterAll(() => server.close());

async function auditRow(requestId: string) {
  const res = await server.database.read((tx) =>
    tx.execute(
      sql`SELECT action, outcome, entity_type, entity_id, org_id FROM audit_events WHERE request_id = ${requestId}`,
    ),
  );
  return (res as { rows: unknown[] }).rows as {
    action: string;
    outcome: string;
    entity_type: string;
    entity_id: string;
    org_id: string;
  }[];
}

const requestId = (res: { headers: Record<string, unknown> }) => String(res.headers['x-request-id']);

describe('denied access in the audit log', () => {
  it("writes a denied row under the student's school when another school's coordinator asks for the student", async () => {
    const res = await c['koord.s2'].get(`/api/students/${studentId}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(schoolId);
    expect(await auditRow(requestId(res))).toEqual([
      {
        action: 'student.access',
        outcome: 'denied',
        entity_type: 'student',
        entity_id: studentId,
        org_id: schoolId,
      },
    ]);
  });

  it("writes a denied row under the plan's school for a plan outside the caller's scope", async () => {
    const res = await c['koord.s2'].get(`/api/plans/${planId}`);
    expect(res.statusCode).toBe(404);
    expect(await auditRow(requestId(res))).toMatchObject([
      { action: 'plan.access', outcome: 'denied', entity_id: planId, org_id: schoolId },
    ]);
  });

  it("writes a denied row under the student's school for a 403 (a role without the right)", async () => {
    const res = await c.eksperts.post(`/api/students/${studentId}/reveal-code`);
    expect(res.statusCode).toBe(403);
    expect(await auditRow(requestId(res))).toMatchObject([
      { outcome: 'denied', entity_type: 'student', entity_id: studentId, org_id: schoolId },
    ]);
  });

  it('writes a denied row for a 403 that names no record, and for a failed CSRF check of a signed-in user', async () => {
    const forbidden = await c.eksperts.get('/api/schools');
    expect(forbidden.statusCode).toBe(403);
    expect(await auditRow(requestId(forbidden))).toMatchObject([{ outcome: 'denied' }]);
    const csrf = await c['koord.s2'].request(
      'POST',
      `/api/students/${studentId}/reveal-code`,
      {},
      { csrf: false },
    );
    expect(csrf.statusCode).toBe(403);
    expect(await auditRow(requestId(csrf))).toMatchObject([{ action: 'request.csrf', outcome: 'denied' }]);
  });

  it("shows the denials on a school's students to its director and its municipality, not to another municipality", async () => {
    const res = await c['koord.s2'].get(`/api/students/${studentId}`);
    const id = requestId(res);
    for (const who of ['direktors.s1', 'koord.ziemelu']) {
      const list = (await c[who].get('/api/audit?outcome=denied&pageSize=200')).json();
      expect(
        list.items.some((e: { requestId: string }) => e.requestId === id),
        who,
      ).toBe(true);
    }
    const other = (await c['koord.dienvidu'].get('/api/audit?outcome=denied&pageSize=200')).json();
    expect(other.items.some((e: { requestId: string }) => e.requestId === id)).toBe(false);
  });
});
