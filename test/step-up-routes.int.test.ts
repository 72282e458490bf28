import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_UP_ROUTES, stepUpRouteOf } from '../common/step-up-routes.ts';
import { queryRows } from '../server/platform/db.ts';
import { ANY_ID, fillUrl, type RouteSample, routeSamples, type WalkIds } from './bad-input-samples.ts';
import { findWalkIds } from './bad-input-walk.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

/**
 * The shared list of step-up routes (common/step-up-routes.ts, which the web's download links follow)
 * is exactly the set of routes that answer 403 `step_up_required`: every /api route is called with its
 * valid sample by the national admin, whose session is past the second factor but not stepped up.
 */
let server: TestServer;
let ids: WalkIds;
let samples: Record<string, RouteSample>;

beforeAll(async () => {
  server = await createTestServer();
  ids = await findWalkIds(server.database);
  samples = routeSamples(ids);
});
afterAll(() => server?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const apiRoutes = () =>
  server.app.routeTable
    .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
    .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method as Method, url: r.url }));
const errorCode = (body: string) => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

interface Probe {
  key: string;
  label: string;
  method: Method;
  url: string;
  body?: Record<string, unknown>;
  raw?: string;
  query?: Record<string, string>;
}

/** The valid sample of every route, and for a route that needs the step-up for some bodies only, each case. */
function probes(): Probe[] {
  const all: Probe[] = [];
  for (const r of apiRoutes()) {
    const s = samples[r.key];
    if (!s) throw new Error(`${r.key}: no sample in test/bad-input-samples.ts`);
    all.push({ key: r.key, label: 'sample', method: r.method, url: r.url, ...s });
  }
  all.push(
    {
      key: 'PATCH /api/users/:id',
      label: 'deactivation',
      method: 'PATCH',
      url: '/api/users/:id',
      body: { active: false },
    },
    {
      key: 'PATCH /api/users/:id',
      label: 'name only',
      method: 'PATCH',
      url: '/api/users/:id',
      body: { firstName: 'Anna' },
    },
    {
      key: 'PATCH /api/users/:id',
      label: 'activation',
      method: 'PATCH',
      url: '/api/users/:id',
      body: { active: true },
    },
  );
  // The routes of the list first (the demo records they name are still there), then reads, then writes.
  const rank = (p: Probe) => (stepUpRouteOf(p.method, p.url) ? 0 : p.method === 'GET' ? 1 : 2);
  return all.sort((a, b) => rank(a) - rank(b));
}

/** A not-stepped-up national admin; signed in again if a route ended the session (sign-out, sessions). */
let admin: TestClient | null = null;
async function send(p: Probe) {
  for (let attempt = 0; ; attempt++) {
    admin ??= await server.signIn('admin', { stepUp: false });
    const query = p.query ? `?${new URLSearchParams(p.query)}` : '';
    const payload = p.raw
      ? Buffer.from('x')
      : p.method === 'GET' || p.method === 'DELETE'
        ? undefined
        : (p.body ?? {});
    const res = await admin.request(p.method, `${fillUrl(p.url, ids)}${query}`, payload, {
      headers: p.raw ? { 'content-type': p.raw } : {},
    });
    if (res.statusCode !== 401 || attempt > 0) return res;
    admin = null;
  }
}

describe('step-up is asked exactly by the routes of the shared list', () => {
  it('names only routes that exist', () => {
    const keys = new Set(apiRoutes().map((r) => r.key));
    const unknown = STEP_UP_ROUTES.map((r) => `${r.method} ${r.path}`).filter((k) => !keys.has(k));
    expect(unknown).toEqual([]);
  });

  it('answers 403 step_up_required to a session past the second factor but not stepped up on exactly those', async () => {
    const wrong: string[] = [];
    let asked = 0;
    let walked = 0;
    for (const p of probes()) {
      const entry = stepUpRouteOf(p.method, p.url);
      const expected = entry !== undefined && (entry.when?.(p.body ?? {}) ?? true);
      const res = await send(p);
      const got = res.statusCode === 403 && errorCode(res.body) === 'step_up_required';
      walked++;
      if (got) asked++;
      if (got !== expected) wrong.push(`${p.key} (${p.label}): ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    console.info(`step-up walk: ${walked} requests, ${asked} asked for a step-up`);
    expect(wrong).toEqual([]);
    expect(walked).toBeGreaterThan(150);
    expect(asked).toBeGreaterThanOrEqual(STEP_UP_ROUTES.length);
  }, 300_000);
});

describe('the step-up reveals nothing a 404 hides', () => {
  it('answers a student the caller does not see with 404 on the subject export, not step_up_required', async () => {
    const director = await server.signIn('direktors.s1', { stepUp: false });
    const ofDirector = (inSchool: boolean) =>
      server.database.read(async (db) => {
        const [row] = await queryRows<{ id: string }>(
          db,
          sql`SELECT s.id FROM students s WHERE (s.school_id IN (
            SELECT g.org_id FROM role_grants g JOIN users u ON u.id = g.user_id
            WHERE u.email LIKE 'direktors.s1@%')) = ${inSchool} ORDER BY s.id LIMIT 1`,
        );
        return row.id;
      });
    const other = await director.get(`/api/students/${await ofDirector(false)}/subject-export?format=json`);
    expect(other.statusCode).toBe(404);
    const own = await director.get(`/api/students/${await ofDirector(true)}/subject-export?format=json`);
    expect([own.statusCode, errorCode(own.body)]).toEqual([403, 'step_up_required']);
  });

  it('answers a record that does not exist as one of another school where the step-up comes first', async () => {
    const director = await server.signIn('direktors.s1', { stepUp: false });
    const [other] = await server.database.read((db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM students WHERE school_id <> ${ids.schoolId} LIMIT 1`),
    );
    const otherSchool = await director.post(`/api/students/${other.id}/reveal-code`);
    const missing = await director.post(`/api/students/${ANY_ID}/reveal-code`);
    expect([otherSchool.statusCode, errorCode(otherSchool.body)]).toEqual([
      missing.statusCode,
      errorCode(missing.body),
    ]);
  });
});
