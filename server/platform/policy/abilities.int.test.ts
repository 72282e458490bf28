import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { today } from '../clock.ts';

/**
 * The `can` a response carries is the gate's own decision: for a table of roles × records, each
 * ability is true exactly when its route does not answer 403 or 404. Each route is probed with a
 * request that passes the gate without changing anything that matters (the same value written back,
 * or an unknown semester that the service refuses with 400 only after the gate has let it through).
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
  'auditors',
] as const;

let server: TestServer;
const c: Record<string, TestClient> = {};
let studentId: string;
let assignedStudentId: string | null;
let schoolId: string;
let municipalityId: string;

beforeAll(async () => {
  server = await createTestServer();
  for (const who of WHO) c[who] = await server.signIn(who);
  const orgs = (await c.admin.get('/api/organisations')).json().items as {
    id: string;
    code: string | null;
  }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id as string;
  municipalityId = (await c.admin.get(`/api/organisations/${schoolId}`)).json().parentId;
  studentId = (await c['koord.s1'].get(`/api/students?schoolId=${schoolId}&pageSize=1`)).json().items[0].id;
  assignedStudentId = (await c['skolotajs.s1'].get('/api/students?pageSize=1')).json().items?.[0]?.id ?? null;
});
afterAll(() => server.close());

const passedGate = (status: number) => status !== 403 && status !== 404;

type Probe = (
  client: TestClient,
  id: string,
  record: Record<string, unknown>,
) => Promise<{ statusCode: number; body: string }>;

/** For each ability of a student record: a request to the route it stands for. */
const STUDENT_PROBES: Record<string, Probe> = {
  edit: (cl, id, s) => cl.patch(`/api/students/${id}`, { classLabel: s.classLabel }),
  revealCode: (cl, id) => cl.post(`/api/students/${id}/reveal-code`),
  manageGuardians: (cl, id) =>
    cl.post(`/api/students/${id}/guardians`, { firstName: 'Inga', lastName: 'Pārbaude', relation: 'mother' }),
  createPlan: (cl, id) => cl.post('/api/plans', { studentId: id, semesterId: randomUUID() }),
  recordRisks: (cl, id) =>
    cl.post(`/api/students/${id}/risks`, {
      semesterId: randomUUID(),
      riskItemId: randomUUID(),
      justification: 'Pārbaude',
      foundOn: today(),
    }),
  // A summer day lies in no semester: 400 after the gate.
  enterEjournal: (cl, id) =>
    cl.post(`/api/students/${id}/attendance`, { onDate: '2019-07-15', reason: 'unjustified' }),
  setPin: (cl, id) => cl.request('PUT', `/api/students/${id}/pin`, { pin: '482913' }),
  // The student attends: whoever passes the gate meets 409 (the retention period runs), nothing is erased.
  erase: (cl, id) => cl.post(`/api/students/${id}/erasure`, { reason: 'data_subject_request' }),
};

describe('can on a record is exactly what its routes allow', () => {
  it('a student: every ability matches its route, for every role', async () => {
    let compared = 0;
    for (const id of [studentId, assignedStudentId].filter((x): x is string => Boolean(x))) {
      for (const who of WHO) {
        const read = await c[who].get(`/api/students/${id}`);
        if (read.statusCode === 404) {
          // Nothing to show, nothing allowed: every route answers 404 as well.
          for (const [ability, probe] of Object.entries(STUDENT_PROBES))
            expect((await probe(c[who], id, { classLabel: '5.a' })).statusCode, `${who} ${ability}`).toBe(
              404,
            );
          continue;
        }
        expect(read.statusCode).toBe(200);
        const student = read.json();
        for (const [ability, probe] of Object.entries(STUDENT_PROBES)) {
          const res = await probe(c[who], id, student);
          expect(
            passedGate(res.statusCode),
            `${who} ${ability}: can=${student.can[ability]}, ${res.body}`,
          ).toBe(student.can[ability]);
          compared++;
        }
        // The older fields say the same as can.
        expect(student.canEdit).toBe(student.can.edit);
        expect(student.canRevealCode).toBe(student.can.revealCode);
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('an organisation: edit matches PATCH, for every role that sees it', async () => {
    for (const orgId of [schoolId, municipalityId]) {
      for (const who of WHO) {
        const read = await c[who].get(`/api/organisations/${orgId}`);
        if (read.statusCode !== 200) {
          expect(read.statusCode).toBe(404);
          continue;
        }
        const org = read.json();
        const res = await c[who].patch(`/api/organisations/${orgId}`, { name: org.name });
        expect(passedGate(res.statusCode), `${who} edit ${org.name}`).toBe(org.can.edit);
      }
    }
  });

  it('a user: edit matches PATCH, for every manager that sees the account', async () => {
    const director = (await c.admin.get('/api/users?q=direktors.s1')).json().items[0].id;
    const teacher = (await c.admin.get('/api/users?q=skolotajs.s1')).json().items[0].id;
    let compared = 0;
    for (const userId of [director, teacher]) {
      for (const who of WHO) {
        const read = await c[who].get(`/api/users/${userId}`);
        if (read.statusCode !== 200) continue;
        const user = read.json();
        const res = await c[who].patch(`/api/users/${userId}`, { firstName: user.firstName });
        expect(passedGate(res.statusCode), `${who} edit ${user.email}`).toBe(user.can.edit);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4);
  });

  it('a plan: allowed is the list of the true abilities of can', async () => {
    const plans = (await c['koord.s1'].get(`/api/plans?schoolId=${schoolId}&pageSize=20`)).json().items;
    for (const p of plans) {
      const plan = (await c['direktors.s1'].get(`/api/plans/${p.id}`)).json();
      const trueOnes = Object.entries(plan.can as Record<string, boolean>)
        .filter(([, v]) => v)
        .map(([k]) => k);
      expect([...plan.allowed].sort()).toEqual(trueOnes.sort());
    }
  });

  it('the navigation: viewWatchList, viewAudit and viewPrivacy match their lists (403 without)', async () => {
    for (const who of WHO) {
      const me = (await c[who].get('/api/me')).json();
      expect(passedGate((await c[who].get('/api/watch-list')).statusCode), `${who} watch list`).toBe(
        me.can.viewWatchList,
      );
      expect(passedGate((await c[who].get('/api/audit')).statusCode), `${who} audit`).toBe(me.can.viewAudit);
      for (const url of ['/api/privacy/ropa', '/api/privacy/retention', '/api/privacy/erasure-log'])
        expect(passedGate((await c[who].get(url)).statusCode), `${who} ${url}`).toBe(me.can.viewPrivacy);
      // The older permissions say the same as can.
      for (const key of Object.keys(me.permissions)) expect(me.permissions[key]).toBe(me.can[key]);
    }
  });
});
