import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../common/roles.ts';
import { queryRows } from '../../server/platform/db.ts';
import type { TestServer } from '../server.ts';
import { bodyText } from './body-text.ts';
import type { MatrixWorld } from './fixture.ts';
import { defaultSample, fillPath, payloadOf, urlWith } from './request.ts';
import { type Expected, expectedFor, MATRIX_USERS, relationsOf, scopeOf } from './scope.ts';
import { signInForMatrix } from './sign-in.ts';
import { type MatrixEntry, RELATIONS, type Relation, type SampleContext } from './types.ts';

/** One walked case and what went wrong with it (empty `problems`: as the matrix says). */
export interface CaseResult {
  route: string;
  role: Role;
  relation: Relation;
  expected: Expected;
  status: number;
  problems: string[];
}

/**
 * The strings a role's user must never receive: per relation out of its scope, the canaries planted
 * there and the ids of the records (a plan id only when the plan is out of scope too: school 1 still
 * reads the moved student's old plan, which names the student).
 */
export function forbiddenFor(world: MatrixWorld, role: Role): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of RELATIONS) {
    if (rel === 'own') continue;
    const t = world.targets[rel];
    const studentSeen = scopeOf(role, 'student').includes(rel);
    const planSeen = scopeOf(role, 'plan').includes(rel);
    const referralSeen = scopeOf(role, 'referral').includes(rel);
    if (studentSeen) continue;
    for (const c of world.canaries[rel]) out.set(c, `${rel} canary`);
    out.set(t.noteId, `${rel} note id`);
    if (rel !== 'moved_former') out.set(t.guardianId, `${rel} guardian id`);
    if (!planSeen) {
      out.set(t.studentId, `${rel} student id`);
      out.set(t.planId, `${rel} plan id`);
    }
    if (!referralSeen && !planSeen) out.set(t.referralId, `${rel} referral id`);
  }
  return out;
}

async function auditRows(server: TestServer, requestId: string, outcome?: string): Promise<number> {
  return server.database.read(async (db) => {
    const rows = await queryRows<{ n: number }>(
      db,
      outcome
        ? sql`select count(*)::int as n from audit_events where request_id = ${requestId} and outcome = ${outcome}`
        : sql`select count(*)::int as n from audit_events where request_id = ${requestId}`,
    );
    return rows[0].n;
  });
}

const OK = [200, 201, 204];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function allowedStatuses(entry: MatrixEntry, expected: Expected): readonly number[] {
  if (expected === 'ok') return entry.ok ?? OK;
  if (expected === 'not_found') return entry.notFound ?? (entry.list ? [200, 404] : [404]);
  return entry.denied ?? [403, 404];
}

/** Sends one case and checks its status, its body for the other side's strings and its audit row. */
export async function runCase(
  server: TestServer,
  world: MatrixWorld,
  key: string,
  entry: MatrixEntry,
  role: Role,
  relation: Relation,
  forbidden: Map<string, string>,
): Promise<CaseResult> {
  const [method, url] = key.split(' ') as ['GET', string];
  const ctx: SampleContext = {
    t: world.targets[relation],
    own: world.targets.own,
    targets: world.targets,
    userIds: world.userIds,
    today: world.cal.today,
    semesterId: world.cal.current.id,
    schoolYear: world.cal.current.schoolYear,
    nationId: world.nationId,
    riskItemId: world.riskItemId,
  };
  const sample = entry.sample ? entry.sample(ctx) : defaultSample(key, ctx);
  const { payload, headers } = payloadOf(sample);
  const client = entry.freshClient ? await signInForMatrix(server, MATRIX_USERS[role]) : world.clients[role];
  const res: LightMyRequestResponse = await client.request(
    method,
    urlWith(fillPath(url, entry, ctx), sample),
    method === 'GET' ? undefined : (payload ?? {}),
    { headers },
  );
  const expected = expectedFor(entry, role, relation);
  const problems: string[] = [];
  const statuses = allowedStatuses(entry, expected);
  if (!statuses.includes(res.statusCode))
    problems.push(
      `status ${res.statusCode}, expected ${expected} (${statuses.join('/')}): ${res.body.slice(0, 200)}`,
    );
  // JSON, CSV, and the text of XLSX and PDF files: no canary, no foreign id, no student out of scope.
  const text = await bodyText(res);
  for (const [s, what] of forbidden)
    if (text.includes(s) && !entry.mayShow?.includes(what)) problems.push(`body shows the ${what}`);
  const visible = world.visibleSchools[role];
  if (visible) {
    for (const id of new Set(text.match(UUID) ?? [])) {
      const schools = world.studentSchools.get(id);
      if (schools && ![...schools].some((s) => visible.has(s)))
        problems.push(`body shows student ${id} of a school out of scope`);
    }
  }
  const requestId = String(res.headers['x-request-id'] ?? '');
  if (entry.audit && expected === 'ok' && statuses.includes(res.statusCode) && res.statusCode < 300) {
    if ((await auditRows(server, requestId)) === 0) problems.push('no audit row for an allowed read/write');
  }
  if (entry.auditDenied && expected === 'not_found' && res.statusCode === 404) {
    if ((await auditRows(server, requestId, 'denied')) === 0) problems.push('no denied audit row for a 404');
  }
  return { route: key, role, relation, expected, status: res.statusCode, problems };
}

/** The cases of one route: every role × every relation it is walked on (writes: the own relation last). */
export function casesOf(entry: MatrixEntry, roles: readonly Role[]): { role: Role; relation: Relation }[] {
  const rels = [...relationsOf(entry)].sort((a, b) => (a === 'own' ? 1 : 0) - (b === 'own' ? 1 : 0));
  return rels.flatMap((relation) => roles.map((role) => ({ role, relation })));
}
