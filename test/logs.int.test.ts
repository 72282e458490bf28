import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftYears } from '../common/api/fields.ts';
import { makeOldPersonalCode } from '../common/personal-code.ts';
import { buildApp } from '../server/app.ts';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { demoTotpSecret, totpCode } from '../server/domains/auth/index.ts';
import { loadConfig } from '../server/platform/config.ts';
import { nowMs } from '../server/platform/clock.ts';
import { SESSION_COOKIE } from '../server/platform/cookies.ts';
import { todayInLatvia } from '../server/platform/dates.ts';
import { queryRows } from '../server/platform/db.ts';
import { fillUrl, type RouteSample, routeSamples, type WalkIds } from './bad-input-samples.ts';
import { findWalkIds, leavesOf, withLeaf } from './bad-input-walk.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { TestClient } from './server.ts';

/**
 * Build 5 of issue 16: the structured logs never hold a personal code, a name, a note's text, a
 * password, a PIN or a token, and every error answer carries the request id of its log lines.
 */

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let testDb: TestDatabase;
let app: FastifyInstance;
let ids: WalkIds;
let samples: Record<string, RouteSample>;
let schoolS1: string;
let ip = 20;
const client = () => new TestClient(app, `10.9.0.${ip++}`);

const birth = shiftYears(todayInLatvia(), -14);
/** Values that must never reach a log line, whatever the request does with them. */
const CANARY = {
  personalCode: makeOldPersonalCode(birth, 731),
  firstName: 'Kanārīte',
  lastName: 'Žvingulēna',
  noteText: 'Slepens novērojums par kanārijputniņu Q7X',
  password: 'Kanarija-Parole-Nr-58',
  pin: '582931',
  totp: '913407',
  resetToken: 'rst7Kq2mZp9Lw3Xv8Bn4Cy6Dt1Fh5Gj0Hs',
  email: 'kanarijs.zvingulens@example.lv',
};

/** The 30-second step whose code each account last typed (a code is accepted once). */
const usedStep = new Map<string, number>();

/**
 * Signs in as a user would: the password, then (mandatory roles) the authenticator's code typed on
 * the second step, so neither reaches the logs; the session is then (also) marked past its second
 * factor and stepped up in the database, for the reveal and exports the flows use.
 */
async function signIn(account: string): Promise<TestClient> {
  const c = client();
  const email = `${account}@demo.pumpurs.lv`;
  const res = await c.login(email, DEMO_PASSWORD);
  if (res.statusCode !== 200) throw new Error(`sign-in as ${account}: ${res.statusCode}`);
  // The first sign-in of an account in this file types its code; later ones (after the walk has
  // sent wrong codes, which lock the second step for a while) are completed in the database.
  if (res.json().secondFactor === 'required' && !usedStep.has(account)) {
    usedStep.set(account, Math.floor(nowMs() / 30_000));
    const code = await totpCode(demoTotpSecret(email), nowMs());
    const verified = await c.post('/api/auth/second-factor/verify', { code });
    if (verified.statusCode !== 200)
      throw new Error(`second factor of ${account}: ${verified.statusCode} ${verified.body}`);
  }
  await c.passSecondFactor({ stepUp: true });
  return c;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const config = loadConfig({ logLevel: 'debug', loadDemo: false });
  app = await buildApp({ config, database: testDb.database, serveClient: false, logStream });
  // A handler failing the way a database error does: the value it choked on quoted in the message.
  app.get('/api/test-only/fail', { config: { public: true }, schema: { hide: true } }, async () => {
    throw new Error(
      `invalid input syntax for type uuid: "${CANARY.personalCode} ${CANARY.lastName}" Key (text)=(${CANARY.noteText}) in '${CANARY.pin}'`,
    );
  });
  await app.ready();
  ids = await findWalkIds(testDb.database);
  samples = routeSamples(ids);
  schoolS1 = await testDb.database.read(
    async (db) =>
      (await queryRows<{ id: string }>(db, sql`select id from organisations where code = 'ZIEM-S1'`))[0].id,
  );
}, 180_000);

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

/** Every captured line that holds `value` (digits only as a whole number, not inside a longer one). */
function linesWith(value: string): string[] {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = /^\d+$/.test(value) ? new RegExp(`(?<!\\d)${escaped}(?!\\d)`) : new RegExp(escaped, 'i');
  return lines.filter((l) => pattern.test(l) || pattern.test(JSON.stringify(JSON.parse(l))));
}

describe('logs without personal data', () => {
  const secrets: Record<string, string> = { ...CANARY };

  it('drives the main flows with canary values and finds none of them in the logs', async () => {
    const anonymous = client();
    // Failed sign-ins: a wrong password for a real account, an unknown e-mail.
    for (let i = 0; i < 3; i++) await anonymous.login('admin@demo.pumpurs.lv', CANARY.password);
    await anonymous.login(CANARY.email, CANARY.password);

    const koord = await signIn('koord.s1');
    secrets.sessionToken = koord.cookies[SESSION_COOKIE];
    secrets.csrfToken = koord.csrf ?? '';
    expect(secrets.sessionToken.length).toBeGreaterThan(20);

    // Register a student, find them by personal code and by name, open the record and reveal the code.
    const student = {
      personalCode: CANARY.personalCode,
      firstName: CANARY.firstName,
      lastName: CANARY.lastName,
      birthDate: birth,
      schoolId: schoolS1,
      classLabel: '8.a',
      grade: 8,
    };
    const created = await koord.post('/api/students', student);
    expect(created.statusCode, created.body).toBe(201);
    const studentId = created.json().id as string;
    expect((await koord.get(`/api/students?q=${CANARY.personalCode}`)).statusCode).toBe(200);
    expect((await koord.get(`/api/students?q=${encodeURIComponent(CANARY.lastName)}`)).statusCode).toBe(200);
    expect((await koord.get(`/api/students/${studentId}`)).statusCode).toBe(200);
    expect((await koord.post(`/api/students/${studentId}/reveal-code`)).statusCode).toBe(200);
    // The same student registered twice: a conflict answered from a unique index.
    expect((await koord.post('/api/students', student)).statusCode).toBe(409);

    // A case note, read back.
    const note = await koord.post(`/api/students/${studentId}/notes`, {
      date: ids.today,
      type: 'observation',
      visibility: 'specialists',
      text: CANARY.noteText,
    });
    expect(note.statusCode, note.body).toBe(201);
    await koord.get(`/api/students/${studentId}/notes`);

    // The student's PIN, and a support session confirmed with it (and with a wrong one).
    await koord.request('PUT', `/api/students/${studentId}/pin`, { pin: CANARY.pin });
    const session = await koord.post('/api/support/sessions', {
      onDate: ids.today,
      startTime: '10:00',
      minutes: 40,
      mode: 'in_person',
      topic: CANARY.noteText,
      participants: [{ studentId }],
    });
    const sessionId = session.statusCode < 300 ? session.json().id : ids.planId;
    await koord.post(`/api/support/sessions/${sessionId}/confirm`, { studentId, pin: CANARY.pin });
    await anonymous.post(`/api/confirm/${CANARY.resetToken}`, { studentId, pin: CANARY.pin });
    await anonymous.get(`/api/confirm/${CANARY.resetToken}`);

    // Bad requests with canaries in the body, the query and the path; a second factor and a reset token.
    await koord.post('/api/auth/login', {
      email: CANARY.email,
      password: CANARY.password,
      totp: CANARY.totp,
    });
    await koord.get(`/api/students?q=${CANARY.personalCode}&code=${CANARY.totp}&token=${CANARY.resetToken}`);
    await koord.get(`/api/students/${CANARY.personalCode}`);
    await koord.get(`/api/students/${encodeURIComponent(CANARY.lastName)}/notes`);
    await koord.get(`/api/password-reset/${CANARY.resetToken}`);
    await koord.post(`/api/auth/reset/${CANARY.resetToken}`, {
      password: CANARY.password,
      code: CANARY.totp,
    });
    await anonymous.get(`/api/students/${CANARY.personalCode}?name=${encodeURIComponent(CANARY.firstName)}`);
    // A server error whose message quotes the canaries.
    const failed = await anonymous.get('/api/test-only/fail');
    expect(failed.statusCode).toBe(500);

    // Every route once with its valid sample and once with every string replaced by a canary.
    const canaryStrings = [CANARY.personalCode, CANARY.lastName, CANARY.noteText, CANARY.pin];
    let sent = 0;
    for (const route of app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !r.url.includes('test-only'),
    )) {
      const sample = samples[`${route.method} ${route.url}`];
      if (!sample || sample.raw) continue;
      const url = fillUrl(route.url, ids);
      let body = sample.body;
      leavesOf(sample.body ?? {}).forEach((leaf, i) => {
        if (typeof leaf.value === 'string')
          body = withLeaf(body, leaf.path, canaryStrings[i % canaryStrings.length]);
      });
      const query = Object.keys(sample.query ?? {})
        .map((k, i) => `${k}=${encodeURIComponent(canaryStrings[i % canaryStrings.length])}`)
        .join('&');
      const canaryUrl = route.url.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(CANARY.lastName));
      await koord.request(route.method as 'GET', `${url}${query ? `?${query}` : ''}`, body);
      await koord.request(route.method as 'GET', canaryUrl, body);
      sent += 2;
    }
    expect(sent).toBeGreaterThan(200);

    expect(lines.length).toBeGreaterThan(sent);
    const found = Object.fromEntries(
      Object.entries(secrets)
        .map(([name, value]) => [name, linesWith(value).slice(0, 2)] as const)
        .filter(([, hits]) => hits.length > 0),
    );
    expect(found).toEqual({});
    // The log is not simply empty: the 500 was logged, by type and (masked) message.
    expect(lines.some((l) => l.includes('unhandled error') && l.includes('invalid input syntax'))).toBe(true);
  }, 300_000);
});

describe('request ids on error answers', () => {
  /** The id in the header, the same in the body, and the request's log lines under it. */
  function expectRequestId(res: LightMyRequestResponse, what: string) {
    const header = res.headers['x-request-id'];
    expect(typeof header, what).toBe('string');
    expect(res.json().error?.requestId, what).toBe(header);
    expect(
      lines.some((l) => l.includes(`"reqId":"${header}"`)),
      `${what}: a log line with the request id`,
    ).toBe(true);
  }

  it('puts the same id in the header, the body and the log of every 4xx and 5xx kind', async () => {
    const anonymous = client();
    const koord = await signIn('koord.s1');
    const teacher = await signIn('skolotajs.s1');
    const cases: [string, LightMyRequestResponse, number][] = [
      ['401 without a session', await anonymous.get('/api/students'), 401],
      ['403 csrf', await koord.post('/api/me', {}, { csrf: false }), 403],
      ['403 role without the right', await teacher.get('/api/audit'), 403],
      ['404 unknown route', await koord.get('/api/no-such-route'), 404],
      [
        '404 another school’s record',
        await koord.get(`/api/students/${ids.studentId}/notes/${ids.planId}`),
        404,
      ],
      ['400 validation', await koord.get('/api/students?pageSize=abc'), 400],
      [
        '413 body too large',
        await koord.request('PATCH', '/api/me', { language: 'x'.repeat(1_100_000) }),
        413,
      ],
      [
        '415 media type',
        await koord.request('PATCH', '/api/me', 'a=b', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
      ],
      ['500 unexpected', await anonymous.get('/api/test-only/fail'), 500],
    ];
    for (const [what, res, status] of cases) {
      expect(res.statusCode, `${what}: ${res.body.slice(0, 200)}`).toBe(status);
      expectRequestId(res, what);
    }
    // 429: sign-in attempts past the limit for one address.
    const hammer = client();
    let limited: LightMyRequestResponse | null = null;
    for (let i = 0; i < 30 && !limited; i++) {
      const res = await hammer.login('direktors.s1@demo.pumpurs.lv', 'nepareiza-parole');
      if (res.statusCode === 429) limited = res;
    }
    expect(limited, '429 after repeated failed sign-ins').not.toBeNull();
    expectRequestId(limited as LightMyRequestResponse, '429');
  }, 120_000);

  it('carries an id on a bad request to every route', async () => {
    const koord = await signIn('koord.s1');
    const anonymous = client();
    let checked = 0;
    for (const route of app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !r.url.includes('test-only'),
    )) {
      // A path parameter that is no id, and a body of the wrong type: each route answers 4xx.
      const url = route.url.replace(/:[a-zA-Z]+/g, 'nav-id');
      const signedIn = await koord.request(
        route.method as 'GET',
        url,
        route.method === 'GET' ? undefined : [1],
      );
      const anon = await anonymous.request(
        route.method as 'GET',
        url,
        route.method === 'GET' ? undefined : [1],
        {
          csrf: false,
        },
      );
      for (const res of [signedIn, anon]) {
        if (res.statusCode < 400) continue;
        expect(res.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
        expectRequestId(res, `${route.method} ${route.url} → ${res.statusCode}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(app.routeTable.length);
  }, 300_000);
});
