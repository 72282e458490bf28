import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { todayInLatvia } from '../../platform/dates.ts';

/**
 * The authorization matrix of plans: for the demo plans (school 1, one in every status), every role
 * either cannot see the plan (404) or sees exactly the actions the table below allows, and every
 * action not allowed is refused by the server (403/404) without changing the plan.
 */
let server: TestServer;
const clients: Record<string, TestClient> = {};
const ROLES = [
  'koord.s1',
  'direktors.s1',
  'koord.ziemelu',
  'eksperts',
  'admin',
  'skolotajs.s1',
  'koord.s2',
  'koord.dienvidu',
  'socdienests.ziemelu',
  'auditors',
] as const;
type Who = (typeof ROLES)[number];
const ACTIONS = [
  'edit',
  'submit',
  'approve',
  'return',
  'start',
  'pause',
  'resume',
  'revise',
  'evaluate',
  'close',
  'delete',
] as const;

interface DemoPlan {
  id: string;
  status: string;
  approvalLevel: string | null;
  semesterEndsOn: string;
  measureIds: string[];
}
const plans: DemoPlan[] = [];

beforeAll(async () => {
  server = await createTestServer();
  for (const who of ROLES) clients[who] = await server.signIn(who);
  const semesters = (await clients.admin.get('/api/semesters')).json().items as {
    id: string;
    endsOn: string;
  }[];
  const list = (await clients['koord.s1'].get('/api/plans?pageSize=200')).json().items as { id: string }[];
  for (const p of list) {
    const plan = (await clients['koord.s1'].get(`/api/plans/${p.id}`)).json();
    plans.push({
      id: plan.id,
      status: plan.status,
      approvalLevel: plan.approvalLevel,
      semesterEndsOn: semesters.find((s) => s.id === plan.semesterId)!.endsOn,
      measureIds: plan.content.measures.map((m: { id: string }) => m.id),
    });
  }
});
afterAll(() => server.close());

const TEAM: Who[] = ['koord.s1', 'direktors.s1'];
const APPROVER: Record<string, Who> = {
  director: 'direktors.s1',
  municipality: 'koord.ziemelu',
  expert: 'eksperts',
};
const SEES: Who[] = ['koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'admin'];

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The table: what `who` may do to a plan in this state today. */
function expected(who: Who, p: DemoPlan): string[] {
  const team = TEAM.includes(who);
  const today = todayInLatvia();
  const evaluationOpen = today >= daysBefore(p.semesterEndsOn, 21);
  switch (p.status) {
    case 'draft':
    case 'under_revision':
      return team ? ['edit', 'submit', 'delete'] : [];
    case 'in_approval':
      return APPROVER[p.approvalLevel ?? ''] === who ? ['approve', 'return'] : [];
    case 'approved':
      return team ? ['start', 'revise'] : [];
    case 'in_progress':
      return team ? ['pause', 'revise', ...(evaluationOpen ? ['evaluate'] : [])] : [];
    case 'paused':
      return team
        ? [...(today <= p.semesterEndsOn ? ['resume'] : []), ...(evaluationOpen ? ['evaluate'] : [])]
        : [];
    case 'evaluated':
      return team ? ['close'] : [];
    default:
      return [];
  }
}

function request(who: Who, p: DemoPlan, action: (typeof ACTIONS)[number]) {
  const c = clients[who];
  const url = `/api/plans/${p.id}`;
  if (action === 'edit')
    return c.request('PUT', `${url}/content`, { riskIds: [], goals: [], measures: [], supervisorId: null });
  if (action === 'pause') return c.post(`${url}/pause`, { reason: 'Pārbaude' });
  if (action === 'return') return c.post(`${url}/return`, { comment: 'Pārbaude' });
  if (action === 'evaluate') {
    const measures = (p.measureIds.length ? p.measureIds : ['00000000-0000-4000-8000-000000000000']).map(
      (measureId) => ({ measureId, carriedOut: 'yes' }),
    );
    return c.post(`${url}/evaluate`, {
      measures,
      progress: 'Pārbaude',
      risksDecreased: 'yes',
      continueNextSemester: false,
    });
  }
  return c.post(`${url}/${action}`);
}

describe('plan authorization matrix', () => {
  it('has demo plans in every status', () => {
    expect(new Set(plans.map((p) => p.status))).toEqual(
      new Set([
        'draft',
        'in_approval',
        'approved',
        'in_progress',
        'paused',
        'under_revision',
        'evaluated',
        'closed',
      ]),
    );
    expect(new Set(plans.filter((p) => p.status === 'in_approval').map((p) => p.approvalLevel))).toEqual(
      new Set(['director', 'municipality', 'expert']),
    );
  });

  it('shows each role exactly the actions the table allows, and hides the plans from everyone else', async () => {
    for (const p of plans) {
      for (const who of ROLES) {
        const res = await clients[who].get(`/api/plans/${p.id}`);
        if (!SEES.includes(who) && who !== 'skolotajs.s1') {
          expect(res.statusCode, `${who} ${p.status}`).toBe(404);
          continue;
        }
        if (res.statusCode === 404 && who === 'skolotajs.s1') continue; // a teacher sees only assigned students
        expect(res.statusCode, `${who} ${p.status}`).toBe(200);
        expect([...res.json().allowed].sort(), `${who} on ${p.status}/${p.approvalLevel}`).toEqual(
          expected(who, p).sort(),
        );
      }
    }
  });

  it('refuses every action the table does not allow, and the plan stays as it was', async () => {
    let refused = 0;
    for (const p of plans) {
      for (const who of ROLES) {
        const allowed = expected(who, p);
        for (const action of ACTIONS) {
          if (allowed.includes(action)) continue;
          const res = await request(who, p, action);
          expect(
            [400, 403, 404],
            `${who} ${action} on ${p.status}/${p.approvalLevel}: ${res.body}`,
          ).toContain(res.statusCode);
          if (res.statusCode === 400)
            expect(res.json().error.code, `${who} ${action}`).not.toBe('plan_incomplete');
          refused += 1;
        }
      }
      const after = (await clients['koord.s1'].get(`/api/plans/${p.id}`)).json();
      expect([after.status, after.approvalLevel], p.id).toEqual([p.status, p.approvalLevel]);
    }
    expect(refused).toBeGreaterThan(1000);
  }, 300_000);

  it('lets nobody change the content of an approved, running or closed plan', async () => {
    for (const p of plans.filter((x) =>
      ['approved', 'in_progress', 'paused', 'evaluated', 'closed', 'in_approval'].includes(x.status),
    )) {
      for (const who of ROLES) {
        const res = await clients[who].request('PUT', `/api/plans/${p.id}/content`, {
          riskIds: [],
          goals: [],
          measures: [],
          supervisorId: null,
        });
        expect([403, 404], `${who} edits ${p.status}`).toContain(res.statusCode);
      }
    }
  });
});
