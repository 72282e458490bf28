import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
let admin: TestClient;
let schools: Record<string, string>;
/** A student of school 1 that the demo teacher is assigned to, with the whole code (11 digits). */
let target: { id: string; code: string };

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schools = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
  const teacher = await server.signIn('skolotajs.s1');
  const id = (await teacher.get('/api/students?pageSize=1')).json().items[0].id as string;
  const code = (await admin.post(`/api/students/${id}/reveal-code`)).json().personalCode as string;
  target = { id, code: code.replace('-', '') };
});
afterAll(() => server.close());

const ids = (res: { json: () => { items: { id: string }[] } }) => res.json().items.map((s) => s.id);
const auditCount = async (action: string, entityId: string) =>
  (await admin.get(`/api/audit?action=${action}&entityId=${entityId}`)).json().total as number;

describe('personal-code search for roles without the reveal right', () => {
  for (const who of ['eksperts', 'skolotajs.s1']) {
    it(`finds nothing by a code prefix as ${who}, however long`, async () => {
      const client = await server.signIn(who);
      for (const length of [6, 8, 10]) {
        const res = await client.get(`/api/students?q=${target.code.slice(0, length)}&pageSize=200`);
        expect(res.statusCode, `${who} ${length}`).toBe(200);
        expect(ids(res), `${who} ${length}`).not.toContain(target.id);
        expect(res.json().total, `${who} ${length}`).toBe(0);
      }
      // Hyphens and spaces do not turn a prefix into something else.
      const hyphen = await client.get(
        `/api/students?q=${target.code.slice(0, 6)}-${target.code.slice(6, 10)}`,
      );
      expect(hyphen.json().total).toBe(0);
    });

    it(`finds the student by the whole code as ${who}, and audits it like a reveal`, async () => {
      const client = await server.signIn(who);
      const before = await auditCount('student.search_code', target.id);
      const res = await client.get(`/api/students?q=${target.code.slice(0, 6)}-${target.code.slice(6)}`);
      expect(res.statusCode).toBe(200);
      expect(ids(res)).toEqual([target.id]);
      expect(await auditCount('student.search_code', target.id)).toBe(before + 1);
    });

    it(`refuses sorting by personal code as ${who}`, async () => {
      const client = await server.signIn(who);
      const res = await client.get('/api/students?sort=code');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBeTruthy();
      const list = await client.get('/api/students');
      expect(list.json().codeSortable).toBe(false);
    });
  }

  it('audits a whole-code search that finds nobody', async () => {
    const expert = await server.signIn('eksperts');
    const before = (await admin.get('/api/audit?action=student.search_code')).json().total as number;
    const missing = `${target.code.slice(0, 10)}${(Number(target.code[10]) + 1) % 10}`;
    const res = await expert.get(`/api/students?q=${missing}`);
    expect(res.json().total).toBe(0);
    expect((await admin.get('/api/audit?action=student.search_code')).json().total).toBe(before + 1);
  });
});

describe('personal-code search for roles with the reveal right', () => {
  it('keeps prefix search for the school coordinator and audits every student it finds', async () => {
    const koord = await server.signIn('koord.s1');
    const before = await auditCount('student.search_code', target.id);
    const res = await koord.get(`/api/students?q=${target.code.slice(0, 8)}&pageSize=200`);
    expect(ids(res)).toContain(target.id);
    expect(await auditCount('student.search_code', target.id)).toBe(before + 1);
  });

  it('lets the school coordinator sort by code', async () => {
    const koord = await server.signIn('koord.s1');
    const res = await koord.get(`/api/students?schoolId=${schools['ZIEM-S1']}&sort=code&pageSize=5`);
    expect(res.statusCode).toBe(200);
    expect(res.json().codeSortable).toBe(true);
  });
});
