import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
let admin: TestClient;
let mailDir: string;

beforeAll(async () => {
  mailDir = mkdtempSync(path.join(tmpdir(), 'pumpurs-factor-reset-mail-'));
  server = await createTestServer({
    mail: { transport: 'file', dir: mailDir, smtpUrl: null, from: 'Pumpurs <no-reply@pumpurs.invalid>' },
  });
  admin = await server.signIn('admin');
});
afterAll(() => server.close());

const email = (account: string) => `${account}@demo.pumpurs.lv`;
const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;
const resetUrl = (id: string) => `/api/users/${id}/second-factor/reset`;
let ipCounter = 1;

async function userId(account: string): Promise<string> {
  const res = await admin.get(`/api/users?q=${encodeURIComponent(email(account))}`);
  return res.json().items[0].id;
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await server.database.read((db) => queryRows<{ n: number }>(db, query));
  return Number(row?.n ?? 0);
}
const factorRows = (id: string) =>
  count(sql`SELECT count(*)::int AS n FROM user_second_factors WHERE user_id = ${id}`);
const recoveryRows = (id: string) =>
  count(sql`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = ${id}`);
const sessionRows = (id: string) => count(sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${id}`);
const resetAudits = (id: string) =>
  count(
    sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.second_factor_reset' AND outcome = 'ok' AND entity_id = ${id}`,
  );

/** Gives a demo account ten recovery codes (as if it had made them on its account page). */
async function giveRecoveryCodes(id: string): Promise<void> {
  await server.database.withTx((tx) =>
    tx.execute(
      sql`INSERT INTO recovery_codes (user_id, code_hash, created_at)
        SELECT ${id}, md5(${id} || g::text), now() FROM generate_series(1, 10) g`,
    ),
  );
}

/** The second-factor state a sign-in with the password alone leaves. */
async function signInPending(account: string): Promise<unknown> {
  const res = await server.client(`10.71.${ipCounter++}.1`).login(email(account));
  expect(res.statusCode).toBe(200);
  return res.json().secondFactor;
}

const mailFiles = () => readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
async function waitForMail(before: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const files = mailFiles().sort();
    const text =
      files.length > before
        ? readFileSync(path.join(mailDir, files[files.length - 1] as string), 'utf8')
        : '';
    // The file appears before its content is written.
    if (text.includes('Pumpurs\n') || text.trimEnd().endsWith('Pumpurs')) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no e-mail was written');
}

describe('an administrator resets a lost second factor', () => {
  it('removes the authenticator and recovery codes, ends the sessions, audits and mails; the next sign-in enrols again', async () => {
    const id = await userId('direktors.s1');
    await giveRecoveryCodes(id);
    const victim = await server.signIn('direktors.s1');
    expect((await victim.get('/api/me')).statusCode).toBe(200);
    const koordZiemelu = await server.signIn('koord.ziemelu');
    const before = await koordZiemelu.get(`/api/users/${id}`);
    expect(before.json().secondFactorEnabled).toBe(true);
    expect(before.json().can.resetSecondFactor).toBe(true);
    expect(await signInPending('direktors.s1')).toBe('required');
    const mailsBefore = mailFiles().length;

    const res = await koordZiemelu.post(resetUrl(id));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ secondFactorEnabled: false });
    expect(await factorRows(id)).toBe(0);
    expect(await recoveryRows(id)).toBe(0);
    expect(await sessionRows(id)).toBe(0);
    expect((await victim.get('/api/me')).statusCode).toBe(401);
    expect(await resetAudits(id)).toBe(1);
    expect((await koordZiemelu.get(`/api/users/${id}`)).json().secondFactorEnabled).toBe(false);

    // A director must have a second factor: the next sign-in sets up a new authenticator.
    expect(await signInPending('direktors.s1')).toBe('enrol');

    const mail = await waitForMail(mailsBefore);
    expect(mail).toContain(`To: ${email('direktors.s1')}`);
    expect(mail).not.toMatch(/otpauth|secret/i);
  });

  it('answers a second reset (a double click) with the same outcome and sends no second e-mail', async () => {
    const id = await userId('koord.s2');
    const mailsBefore = mailFiles().length;
    const first = await admin.post(resetUrl(id));
    expect(first.statusCode).toBe(200);
    await waitForMail(mailsBefore);
    const mailsAfterFirst = mailFiles().length;
    const second = await admin.post(resetUrl(id));
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(await factorRows(id)).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(mailFiles().length).toBe(mailsAfterFirst);
  });

  it('lets an optional role sign in with the password alone after the reset', async () => {
    const id = await userId('skolotajs.s1');
    await server.database.withTx((tx) =>
      tx.execute(
        sql`INSERT INTO user_second_factors (user_id, secret_encrypted, created_at, enabled_at)
          VALUES (${id}, 'sealed', now(), now())`,
      ),
    );
    expect(await signInPending('skolotajs.s1')).toBe('required');
    const koordS1 = await server.signIn('koord.s1');
    expect((await koordS1.post(resetUrl(id))).statusCode).toBe(200);
    expect(await signInPending('skolotajs.s1')).toBeNull();
  });

  it('lets only another national administrator reset a national administrator’s factor', async () => {
    const orgs = (await admin.get('/api/organisations')).json().items as {
      id: string;
      code: string;
      type: string;
    }[];
    const nation = orgs.find((o) => o.type === 'nation')?.id;
    const ziemelu = orgs.find((o) => o.code === 'ZIEM')?.id;
    // A second national administrator whose home is the municipality: visible to its coordinator.
    const created = await admin.post('/api/users', {
      email: 'otrs.admins@demo.pumpurs.lv',
      firstName: 'Otrs',
      lastName: 'Administrators',
      homeOrganisationId: ziemelu,
      password: 'Otra-admina-parole-2026',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(
      (await admin.post(`/api/users/${id}/grants`, { role: 'national_admin', organisationId: nation }))
        .statusCode,
    ).toBe(201);
    await server.database.withTx((tx) =>
      tx.execute(
        sql`INSERT INTO user_second_factors (user_id, secret_encrypted, created_at, enabled_at)
          VALUES (${id}, 'sealed', now(), now())`,
      ),
    );
    const koordZiemelu = await server.signIn('koord.ziemelu');
    expect((await koordZiemelu.get(`/api/users/${id}`)).json().can.resetSecondFactor).toBe(false);
    const refused = await koordZiemelu.post(resetUrl(id));
    expect(refused.statusCode).toBe(403);
    expect(await factorRows(id)).toBe(1);
    // The first administrator's own home is the nation: outside the municipality, not even visible.
    expect((await koordZiemelu.post(resetUrl(await userId('admin')))).statusCode).toBe(404);

    expect((await admin.post(resetUrl(id))).statusCode).toBe(200);
    expect(await factorRows(id)).toBe(0);
  });

  it('answers 404 for a user of another municipality and 403 to a role without the right', async () => {
    const director = await userId('direktors.s1');
    const s2 = await userId('koord.s2');
    const dienvidu = await server.signIn('koord.dienvidu');
    const other = await dienvidu.post(resetUrl(director));
    expect(other.statusCode).toBe(404);
    // A school coordinator may not manage the school's director.
    const koordS1 = await server.signIn('koord.s1');
    const forbidden = await koordS1.post(resetUrl(director));
    expect(forbidden.statusCode).toBe(403);
    expect(errorCode(forbidden)).toBe('forbidden');
    expect((await koordS1.post(resetUrl(s2))).statusCode).toBe(404);
  });

  it('refuses the caller’s own factor: that is changed on the account page', async () => {
    const self = await userId('admin');
    const res = await admin.post(resetUrl(self));
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('cannot_reset_own_second_factor');
    expect((await admin.get(`/api/users/${self}`)).json().can.resetSecondFactor).toBe(false);
    expect(await factorRows(self)).toBe(1);
  });

  it('asks for a step-up first', async () => {
    const id = await userId('koord.ziemelu');
    const client = await server.signIn('admin', { stepUp: false });
    const res = await client.post(resetUrl(id));
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('step_up_required');
    expect(await factorRows(id)).toBe(1);
  });
});

describe('step-up for creating users and setting passwords', () => {
  it('asks for a step-up before creating a user and before setting another user’s password', async () => {
    const client = await server.signIn('koord.s1', { stepUp: false });
    const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
    const s1 = orgs.find((o) => o.code === 'ZIEM-S1')?.id;
    const created = await client.post('/api/users', {
      email: 'bez.stepup@demo.pumpurs.lv',
      firstName: 'A',
      lastName: 'B',
      homeOrganisationId: s1,
      password: 'Jauna-parole-2026',
    });
    expect(created.statusCode).toBe(403);
    expect(errorCode(created)).toBe('step_up_required');
    const teacher = await userId('skolotajs2.s1');
    const password = await client.patch(`/api/users/${teacher}`, { password: 'Cita-parole-2026-x' });
    expect(password.statusCode).toBe(403);
    expect(errorCode(password)).toBe('step_up_required');
    // A profile change without a password needs no step-up.
    expect((await client.patch(`/api/users/${teacher}`, { position: 'Skolotājs' })).statusCode).toBe(200);
  });
});
