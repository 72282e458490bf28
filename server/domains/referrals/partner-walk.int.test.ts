import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillUrl, routeSamples, type WalkIds } from '../../../test/bad-input-samples.ts';
import { findWalkIds } from '../../../test/bad-input-walk.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { minimalPdf } from '../../../test/scan-samples.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';

/**
 * A partner institution's account walks EVERY route of the route table with the path ids of records
 * that are not addressed to its institution: a student of its own municipality, that student's plan,
 * a referral of that student addressed to the other partner institution of the municipality, a
 * letter, a user and a school. No answer may be a 2xx that carries any of those records, a record's
 * route must answer 404, and every such refusal must be audited as denied. Lists answer 403, 404 or
 * an empty list.
 */
let server: TestServer;
let cal: TestCalendar;
let partner: TestClient;
let ids: WalkIds;
let foreign: { referralId: string; referralCode: string; planCode: string; letterId: string };
/** Strings that must appear in no answer the partner gets. */
let secrets: string[] = [];
const pdf = minimalPdf();

/** Routes the partner may use for itself: they answer about the partner, never about the records above. */
const OWN = new Set([
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'GET /api/auth/csrf',
  'GET /api/openapi.json',
  'GET /api/me',
  'PATCH /api/me',
  'GET /api/referrals',
  'GET /api/notifications',
  // The caller's own account (issue 16): a reset request (the same answer for every e-mail), the
  // partner's own sessions, its second factor and an enrolment secret for itself.
  'POST /api/auth/password-reset',
  'GET /api/auth/sessions',
  'POST /api/auth/sessions/sign-out-everywhere',
  'GET /api/auth/second-factor',
  'GET /api/auth/second-factor/enrolment',
]);
/** National reference data anyone signed in reads (no student's record in them). */
const CATALOGUES = new Set([
  'GET /api/semesters',
  'GET /api/risk-catalogue',
  'GET /api/support-caps',
  'GET /api/ejournal/templates/:kind',
]);
/** Routes the walk does not call: they would end the walk's session. */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/login']);
/** Path segments whose `:id` names one of the records above (the rest are catalogues, tokens, files). */
const RECORD_PARAMS = /\/(students|plans|referrals|users|organisations)\/:id|:letterId/;

const q = <T>(text: ReturnType<typeof sql>) => server.database.read((db) => queryRows<T>(db, text));

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  const k = await server.signIn('koord.s1');
  partner = await server.signIn('socdienests.ziemelu');
  const [p] = await q<{ student_id: string; plan_id: string; code: string; school_id: string }>(
    sql`select p.student_id, p.id as plan_id, p.code, p.school_id from plans p join organisations o on o.id = p.school_id
        where o.code = 'ZIEM-S1' and p.status = 'in_progress' order by p.created_at limit 1`,
  );
  const [bt] = await q<{ id: string }>(
    sql`select id from organisations where name = 'Ziemeļu novada bāriņtiesa'`,
  );
  const ref = await k.post(`/api/students/${p.student_id}/referrals`, {
    partnerId: bt.id,
    reason: 'Slepens iemesls bāriņtiesai.',
    items: ['name', 'personal_code', 'guardians'],
    urgency: 'urgent',
    dueOn: addDays(cal.today, 7),
  });
  expect(ref.statusCode, ref.body).toBe(201);
  const student = (await k.get(`/api/students/${p.student_id}`)).json();
  const letter = await k.post(`/api/students/${p.student_id}/letters`, {
    kind: 'plan_summary',
    language: 'lv',
    guardianId: student.guardians[0].id,
    method: 'printed',
  });
  expect(letter.statusCode, letter.body).toBe(201);
  foreign = {
    referralId: ref.json().id,
    referralCode: ref.json().code,
    planCode: p.code,
    letterId: letter.json().id,
  };
  const [s] = await q<{ first_name: string; last_name: string; personal_code: string }>(
    sql`select first_name, last_name, personal_code from students where id = ${p.student_id}`,
  );
  secrets = [
    p.student_id,
    p.plan_id,
    foreign.referralId,
    foreign.referralCode,
    foreign.planCode,
    foreign.letterId,
    `${s.first_name} ${s.last_name}`,
    s.personal_code.slice(0, 6),
    'Slepens iemesls',
  ];
  const walk = await findWalkIds(server.database);
  ids = { ...walk, schoolId: p.school_id, studentId: p.student_id, planId: p.plan_id };
}, 180_000);
afterAll(async () => {
  resetClock();
  await server.close();
});

/** The route's URL with the walk's records in its path. */
function urlFor(url: string): string {
  return fillUrl(
    url.replace('/referrals/:id', `/referrals/${foreign.referralId}`).replace(':letterId', foreign.letterId),
    ids,
  );
}

describe('a partner walks every route', () => {
  it('gets no 2xx carrying a record not addressed to its institution; records answer 404, audited', async () => {
    const samples = routeSamples(ids);
    const routes = server.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    let walked = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (SKIP.has(key)) continue;
      const sample = samples[key] ?? {};
      const query = sample.query ? `?${new URLSearchParams(sample.query).toString()}` : '';
      const url = `${urlFor(route.url)}${query}`;
      const res = sample.raw
        ? await partner.request(route.method as 'PUT', url, pdf, { headers: { 'content-type': sample.raw } })
        : await partner.request(
            route.method as 'GET',
            url,
            route.method === 'GET' || route.method === 'DELETE' ? undefined : (sample.body ?? {}),
          );
      walked += 1;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      const body = res.body ?? '';
      const leaked = secrets.find((x) => body.includes(x));
      if (leaked) problems.push(`${key}: ${res.statusCode} shows a record (${leaked.slice(0, 8)}…)`);
      // A list the role reaches at all must be empty: 403/404 or nothing in it.
      const emptyList = ok && /^\{"items":\[\]/.test(body);
      if (ok && !OWN.has(key) && !CATALOGUES.has(key) && !emptyList)
        problems.push(`${key}: ${res.statusCode} ${body.slice(0, 200)}`);
      if (RECORD_PARAMS.test(route.url)) {
        if (res.statusCode !== 404) problems.push(`${key}: ${res.statusCode} for a record (must be 404)`);
        const denied = await q<{ n: number }>(
          sql`select count(*)::int as n from audit_events
              where request_id = ${String(res.headers['x-request-id'])} and outcome = 'denied'`,
        );
        if (Number(denied[0].n) === 0) problems.push(`${key}: ${res.statusCode} not audited`);
      }
    }
    console.info(`partner walk: ${walked} requests`, statuses);
    expect(walked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 600_000);

  it("the partner's own inbox lists nothing of another institution", async () => {
    const res = await partner.get('/api/referrals?status=all');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    for (const x of secrets) expect(res.body).not.toContain(x);
  });
});
