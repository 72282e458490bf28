import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let student: { id: string; firstName: string; lastName: string };
let planCode: string;
let planId: string;

type Event = {
  action: string;
  entityType: string | null;
  entityId: string | null;
  entityLabel: string | null;
};

beforeAll(async () => {
  server = await createTestServer();
  for (const who of [
    'koord.s1',
    'koord.s2',
    'koord.ziemelu',
    'koord.dienvidu',
    'eksperts',
    'auditors',
    'admin',
  ])
    c[who] = await server.signIn(who);
  const orgs = (await c['koord.s1'].get('/api/organisations')).json().items as { id: string; code: string }[];
  const schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id;
  student = (await c['koord.s1'].get(`/api/students?schoolId=${schoolId}&pageSize=1`)).json().items[0];
  const plan = (await c['koord.s1'].get(`/api/plans?schoolId=${schoolId}&pageSize=1`)).json().items[0];
  planId = plan.id;
  planCode = plan.code;
  // Reads and a denial on this school's records, from inside and from another school.
  await c['koord.s1'].get(`/api/students/${student.id}`);
  await c['koord.s1'].get(`/api/plans/${planId}`);
  await c['koord.s2'].get(`/api/students/${student.id}`);
  // Activity in the other municipality as well.
  await c['koord.dienvidu'].get('/api/students');
});
afterAll(() => server.close());

async function studentMarks(): Promise<{ names: string[]; codes: string[] }> {
  const res = (await server.database.read((tx) =>
    tx.execute(sql`SELECT first_name, last_name, personal_code FROM students`),
  )) as { rows: { first_name: string; last_name: string; personal_code: string }[] };
  return {
    names: res.rows.map((r) => `${r.first_name} ${r.last_name}`),
    codes: res.rows.flatMap((r) => [
      r.personal_code,
      `${r.personal_code.slice(0, 6)}-${r.personal_code.slice(6)}`,
    ]),
  };
}

describe('the audit viewer', () => {
  it("shows a student's name and a plan's code to the school's coordinator and the municipality", async () => {
    for (const who of ['koord.s1', 'koord.ziemelu']) {
      const items = (await c[who].get('/api/audit?pageSize=200')).json().items as Event[];
      const read = items.find((e) => e.action === 'student.read' && e.entityId === student.id);
      expect(read?.entityLabel, who).toBe(`${student.firstName} ${student.lastName}`);
      const denied = items.find((e) => e.action === 'student.access' && e.entityId === student.id);
      expect(denied?.entityLabel, who).toBe(`${student.firstName} ${student.lastName}`);
      const plan = items.find((e) => e.action === 'plan.read' && e.entityId === planId);
      expect(plan?.entityLabel, who).toBe(planCode);
    }
  });

  it("gives the auditor the whole country's log with pseudonyms and no names or personal codes", async () => {
    const res = await c.auditors.get('/api/audit?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as (Event & { organisationName: string | null })[];
    const orgs = new Set(items.map((e) => e.organisationName).filter(Boolean));
    expect(orgs.size).toBeGreaterThan(1);
    const aboutStudent = items.filter((e) => e.entityType === 'student' && e.entityId !== null);
    expect(aboutStudent.length).toBeGreaterThan(0);
    for (const e of aboutStudent) {
      expect(e.entityId).toMatch(/^#[0-9a-f]{10}$/);
      expect(e.entityLabel).toBe(e.entityId);
    }
    expect(res.body).not.toContain(student.id);
    const marks = await studentMarks();
    expect(marks.names.filter((n) => res.body.includes(n))).toEqual([]);
    expect(marks.codes.filter((code) => res.body.includes(code))).toEqual([]);
  });

  it('audits each reading of the log, and the denial of a caller without the right', async () => {
    const res = await c['koord.s1'].get('/api/audit?outcome=denied');
    const rows = (await server.database.read((tx) =>
      tx.execute(
        sql`SELECT action FROM audit_events WHERE request_id = ${String(res.headers['x-request-id'])}`,
      ),
    )) as { rows: { action: string }[] };
    expect(rows.rows.map((r) => r.action)).toEqual(['audit.list']);
    const denied = await c.eksperts.get('/api/audit');
    expect(denied.statusCode).toBe(403);
    const own = (await c.admin.get('/api/audit?outcome=denied&pageSize=200')).json().items as Event[];
    expect(own.some((e) => e.action === 'audit.access')).toBe(true);
  });

  it('filters by entity type and by outcome', async () => {
    const items = (await c['koord.s1'].get('/api/audit?entityType=plan&outcome=ok&pageSize=200')).json()
      .items as (Event & { outcome: string })[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.entityType === 'plan' && e.outcome === 'ok')).toBe(true);
  });

  it("names a staff account by its email to those who manage the account's organisation, not to others", async () => {
    const mine = (await c['koord.s1'].get('/api/audit?entityType=user&pageSize=200')).json().items as Event[];
    const signIns = mine.filter((e) => e.action === 'auth.login');
    expect(signIns.map((e) => e.entityLabel)).toContain('koord.s1@demo.pumpurs.lv');
    const national = (await c.auditors.get('/api/audit?entityType=user&pageSize=200')).json()
      .items as Event[];
    expect(national.length).toBeGreaterThan(0);
    expect(national.every((e) => e.entityLabel === null)).toBe(true);
  });
});
