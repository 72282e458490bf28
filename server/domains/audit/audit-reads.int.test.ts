import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { classListCsv, classListRows } from '../../../test/fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schools: Record<string, string>;
let cal: TestCalendar;

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['koord.s1', 'koord.ziemelu', 'koord.dienvidu']) c[who] = await server.signIn(who);
  const orgs = (await c['koord.s1'].get('/api/organisations')).json().items as { id: string; code: string }[];
  const all = (await c['koord.dienvidu'].get('/api/organisations')).json().items as {
    id: string;
    code: string;
  }[];
  schools = Object.fromEntries([...orgs, ...all].map((o) => [o.code, o.id]));
});
afterAll(() => {
  resetClock();
  return server.close();
});

async function actionsOf(requestId: string) {
  const res = (await server.database.read((tx) =>
    tx.execute(sql`SELECT action, org_id FROM audit_events WHERE request_id = ${requestId}`),
  )) as { rows: { action: string; org_id: string | null }[] };
  return res.rows;
}

describe('reads that return personal data', () => {
  it("audits an import preview (the file's names and codes) under the school", async () => {
    const up = await c['koord.s1'].request(
      'POST',
      `/api/imports/students?schoolId=${schools['ZIEM-S1']}&fileName=k.csv`,
      classListCsv(classListRows(3, 3)),
      { headers: { 'content-type': 'text/csv' } },
    );
    const preview = await c['koord.s1'].post(`/api/imports/${up.json().importId}/preview`, {
      mapping: up.json().mapping,
    });
    expect(preview.statusCode).toBe(200);
    expect(await actionsOf(String(preview.headers['x-request-id']))).toEqual([
      { action: 'import.preview', org_id: schools['ZIEM-S1'] },
    ]);
  });
});

describe('the audit viewer is no side door', () => {
  it('hides the name of a student who moved to another municipality from the old municipality', async () => {
    const student = (
      await c['koord.s1'].get(`/api/students?schoolId=${schools['ZIEM-S1']}&pageSize=1`)
    ).json().items[0];
    await c['koord.s1'].get(`/api/students/${student.id}`);
    const moved = await c['koord.s1'].post(`/api/students/${student.id}/move`, {
      toSchoolId: schools['DIEN-S5'],
      movedOn: addDays(cal.today, -7),
      classLabel: '8.c',
      grade: 8,
      reason: 'Pārcēlās',
    });
    expect(moved.statusCode).toBe(200);
    const name = `${student.firstName} ${student.lastName}`;
    const old = await c['koord.ziemelu'].get('/api/audit?action=student.read&pageSize=200');
    const row = (old.json().items as { entityId: string; entityLabel: string | null }[]).find(
      (e) => e.entityLabel !== null && e.entityLabel === e.entityId,
    );
    expect(row?.entityId).toMatch(/^#/);
    expect(old.body).not.toContain(name);
    const now = await c['koord.dienvidu'].get(`/api/audit?action=student.move_in&entityId=${student.id}`);
    expect(now.json().items[0].entityLabel).toBe(name);
  });
});
