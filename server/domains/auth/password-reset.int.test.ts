import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerBody, createTestServer, type TestServer } from '../../../test/server.ts';
import { advanceClock, now, resetClock, setClock } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db.ts';
import { RESET_MAX_PER_EMAIL, RESET_WINDOW_MS } from './password-reset.ts';

/** Tests move the clock a day past anything earlier tests wrote, whatever the date of the run. */
const DAY = 24 * 3_600_000;
const PUBLIC_URL = 'https://pumpurs.example.lv/app';
const NEW_PASSWORD = 'Zilais-mākonis-virs-Daugavas-17';
let server: TestServer;
let mailDir: string;
let ipCounter = 1;
/** A fresh address per request group, so the per-address limit of one test does not touch another. */
const client = () => server.client(`10.77.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`);

beforeAll(async () => {
  mailDir = mkdtempSync(path.join(tmpdir(), 'pumpurs-reset-mail-'));
  server = await createTestServer({
    publicUrl: PUBLIC_URL,
    mail: { transport: 'file', dir: mailDir, smtpUrl: null, from: 'Pumpurs <no-reply@pumpurs.invalid>' },
  });
});
afterAll(() => server.close());
afterEach(() => resetClock());

const mailFiles = () => readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
/** The mail files written so far (names start with the clock's time, which tests move: compare sets). */
const seenMail = () => new Set(mailFiles());

/** Waits for the e-mail sent after the answer (the mailer runs after the response is decided). */
async function nextMail(before: Set<string>): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const fresh = mailFiles().find((f) => !before.has(f));
    // The file may still be being written: wait until the whole message (its last line) is in.
    const text = fresh ? readFileSync(path.join(mailDir, fresh), 'utf8') : '';
    if (/\nPumpurs\s*$/.test(text.replace(/=\r?\n/g, ''))) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no reset e-mail was written');
}

/** The token of the link in an .eml (quoted-printable soft breaks joined first). */
function tokenOf(eml: string): string {
  const body = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const m = body.match(/\/reset-password#token=([A-Za-z0-9_-]+)/);
  if (!m) throw new Error('no link in the e-mail');
  return m[1];
}

async function requestToken(email: string): Promise<string> {
  const before = seenMail();
  const res = await client().post('/api/auth/password-reset', { email });
  expect(res.statusCode, res.body).toBe(200);
  return tokenOf(await nextMail(before));
}

async function auditCount(action: string, outcome = 'ok'): Promise<number> {
  const [row] = await server.database.read((db) =>
    queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action} AND outcome = ${outcome}`,
    ),
  );
  return Number(row?.n ?? 0);
}

describe('password reset request', () => {
  it('answers an existing, an unknown and a deactivated e-mail with the same status and body', async () => {
    const admin = await server.signIn('admin');
    const users = (await admin.get('/api/users?q=skolotajs3.s1')).json().items;
    expect((await admin.patch(`/api/users/${users[0].id}`, { active: false })).statusCode).toBe(200);
    const before = seenMail();
    const answers = [];
    for (const email of [
      'auditors@demo.pumpurs.lv',
      'nav-tads@demo.pumpurs.lv',
      'skolotajs3.s1@demo.pumpurs.lv',
    ])
      answers.push(await client().post('/api/auth/password-reset', { email }));
    for (const a of answers) expect(a.statusCode).toBe(200);
    expect(answers[1].body).toBe(answers[0].body);
    expect(answers[2].body).toBe(answers[0].body);
    expect(answers[0].json()).toEqual({ ok: true });
    // Only the active account gets a letter.
    await nextMail(before);
    const [row] = await server.database.read((db) =>
      queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM password_reset_tokens`),
    );
    expect(Number(row?.n)).toBe(1);
    expect(mailFiles().length - before.size).toBe(1);
  });

  it('mails a link with the token in the fragment, in the user’s language, and stores only its hash', async () => {
    const koord = await server.signIn('koord.s2');
    expect((await koord.patch('/api/me', { language: 'en' })).statusCode).toBe(200);
    const before = seenMail();
    await client().post('/api/auth/password-reset', { email: 'KOORD.S2@demo.pumpurs.lv ' });
    const eml = await nextMail(before);
    expect(eml).toContain('To: koord.s2@demo.pumpurs.lv');
    expect(eml).toContain('Subject: Pumpurs: reset your password');
    const token = tokenOf(eml);
    expect(eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=')).toContain(
      `${PUBLIC_URL}/reset-password#token=${token}`,
    );
    const stored = await server.database.read((db) =>
      queryRows<{ token_hash: string }>(db, sql`SELECT token_hash FROM password_reset_tokens`),
    );
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('sends one e-mail for a double submit', async () => {
    const before = seenMail();
    const c = client();
    const [a, b] = await Promise.all([
      c.post('/api/auth/password-reset', { email: 'direktors.s1@demo.pumpurs.lv' }),
      c.post('/api/auth/password-reset', { email: 'direktors.s1@demo.pumpurs.lv' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    await nextMail(before);
    const [row] = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
            WHERE u.email = 'direktors.s1@demo.pumpurs.lv'`,
      ),
    );
    expect(Number(row?.n)).toBe(1);
  });

  it('limits requests per e-mail with the same 429 for an existing and an unknown e-mail', async () => {
    setClock(new Date(now().getTime() + DAY), { frozen: true });
    const answers = async (email: string) => {
      const out = [];
      for (let i = 0; i <= RESET_MAX_PER_EMAIL; i++)
        out.push(await client().post('/api/auth/password-reset', { email }));
      return out;
    };
    const known = await answers('auditors@demo.pumpurs.lv');
    const unknown = await answers('neviens@demo.pumpurs.lv');
    expect(known.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(unknown.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answerBody(known[3])).toEqual(answerBody(unknown[3]));
    expect(known[3].json().error.code).toBe('too_many_attempts');
    expect(Number(known[3].headers['retry-after'])).toBeGreaterThan(0);
    expect(await auditCount('auth.password_reset_request', 'denied')).toBeGreaterThanOrEqual(2);
    advanceClock(RESET_WINDOW_MS + 1000);
    expect(
      (await client().post('/api/auth/password-reset', { email: 'neviens@demo.pumpurs.lv' })).statusCode,
    ).toBe(200);
  });

  it('limits requests per address over many e-mails', async () => {
    const c = server.client('10.78.0.1');
    const codes: number[] = [];
    for (let i = 0; i < 21; i++)
      codes.push((await c.post('/api/auth/password-reset', { email: `x${i}@demo.pumpurs.lv` })).statusCode);
    expect(codes.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(codes[20]).toBe(429);
  });

  it('refuses a malformed body and a request without the CSRF header', async () => {
    const c = client();
    expect((await c.post('/api/auth/password-reset', { email: '' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/password-reset', { email: 'a@b.lv' }, { csrf: false })).statusCode).toBe(
      403,
    );
  });
});

describe('password reset completion', () => {
  it('sets the password once, ends every session of the user, and the new password signs in', async () => {
    const other = await server.signIn('skolotajs.s1');
    expect((await other.get('/api/me')).statusCode).toBe(200);
    const token = await requestToken('skolotajs.s1@demo.pumpurs.lv');
    const c = client();
    const done = await c.post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD });
    expect(done.statusCode, done.body).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await client().login('skolotajs.s1@demo.pumpurs.lv')).statusCode).toBe(401);
    expect((await client().login('skolotajs.s1@demo.pumpurs.lv', NEW_PASSWORD)).statusCode).toBe(200);
    const again = await c.post('/api/auth/password-reset/complete', { token, password: `${NEW_PASSWORD}x` });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('reset_token_invalid');
    expect(await auditCount('auth.password_reset')).toBeGreaterThanOrEqual(1);
    expect(await auditCount('auth.password_reset', 'failed')).toBeGreaterThanOrEqual(1);
  });

  it('gives one success and one clear 400 for a double click', async () => {
    const token = await requestToken('koord.ziemelu@demo.pumpurs.lv');
    const c = client();
    const answers = await Promise.all([
      c.post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD }),
      c.post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    const refused = answers.find((a) => a.statusCode === 400);
    expect(refused?.json().error.message).toMatch(/saite/);
  });

  it('answers an expired, an unknown and a used token with the same 400', async () => {
    setClock(new Date(now().getTime() + DAY), { frozen: true });
    const token = await requestToken('koord.dienvidu@demo.pumpurs.lv');
    advanceClock(31 * 60_000);
    const c = client();
    const expired = await c.post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD });
    const unknown = await c.post('/api/auth/password-reset/complete', {
      token: 'a'.repeat(43),
      password: NEW_PASSWORD,
    });
    expect(expired.statusCode).toBe(400);
    expect(answerBody(unknown)).toEqual(answerBody(expired));
    expect(expired.json().error.code).toBe('reset_token_invalid');
    // Within 30 minutes the next link works.
    advanceClock(60_000);
    const fresh = await requestToken('koord.dienvidu@demo.pumpurs.lv');
    advanceClock(29 * 60_000);
    expect(
      (await c.post('/api/auth/password-reset/complete', { token: fresh, password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a weak or short password and keeps the token for another try', async () => {
    const token = await requestToken('eksperts@demo.pumpurs.lv');
    const c = client();
    const common = await c.post('/api/auth/password-reset/complete', { token, password: 'password1234' });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.code).toBe('password_too_common');
    const short = await c.post('/api/auth/password-reset/complete', { token, password: 'Īsa-1' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.map((d: { path: string }) => d.path)).toContain('password');
    expect(
      (await c.post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('a new password retires the user’s other links', async () => {
    setClock(new Date(now().getTime() + DAY), { frozen: true });
    const first = await requestToken('koord.s1@demo.pumpurs.lv');
    advanceClock(2 * 60_000);
    const second = await requestToken('koord.s1@demo.pumpurs.lv');
    expect(second).not.toBe(first);
    const c = client();
    expect(
      (await c.post('/api/auth/password-reset/complete', { token: second, password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(200);
    expect(
      (await c.post('/api/auth/password-reset/complete', { token: first, password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(400);
  });
});
