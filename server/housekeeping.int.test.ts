import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/server.ts';
import { pruneExpiredRecords } from './housekeeping.ts';
import { now } from './platform/clock.ts';
import { queryRows } from './platform/db.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const count = async (table: string) =>
  Number(
    (
      await server.database.read((db) =>
        queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)),
      )
    )[0].n,
  );

describe('hourly housekeeping', () => {
  it('forgets rate-limit counters and password reset records older than a day and expired sessions, and keeps the recent ones', async () => {
    const expired = await server.signIn('koord.s1');
    const live = await server.signIn('direktors.s1');
    const at = now();
    const old = new Date(at.getTime() - 25 * 3_600_000).toISOString();
    const recent = new Date(at.getTime() - 3_600_000).toISOString();
    await server.database.withTx(async (tx) => {
      await tx.execute(sql`delete from login_attempts`);
      await tx.execute(sql`delete from confirmation_attempts`);
      await tx.execute(sql`insert into login_attempts (email, ip, success, at) values
        ('vecs@example.lv', '10.9.9.1', false, ${old}), ('jauns@example.lv', '10.9.9.1', false, ${recent})`);
      await tx.execute(sql`insert into confirmation_attempts (ip, token_hash, at) values
        ('10.9.9.1', 'h-old', ${old}), ('10.9.9.1', 'h-new', ${recent})`);
      await tx.execute(sql`delete from password_reset_requests`);
      await tx.execute(sql`delete from password_reset_tokens`);
      await tx.execute(sql`insert into password_reset_requests (email_hash, ip, at) values
        ('e-old', '10.9.9.1', ${old}), ('e-new', '10.9.9.1', ${recent})`);
      await tx.execute(sql`insert into password_reset_tokens (user_id, token_hash, created_at, expires_at) values
        ((select id from users where email = 'koord.s1@demo.pumpurs.lv'), 't-old', ${old}, ${old}),
        ((select id from users where email = 'koord.s1@demo.pumpurs.lv'), 't-new', ${recent}, ${recent})`);
      const longAgo = new Date(at.getTime() - 100 * 24 * 3_600_000).toISOString();
      await tx.execute(sql`insert into job_runs (id, name, state, created_at, updated_at) values
        (gen_random_uuid(), 'test.old', 'done', ${longAgo}, ${longAgo}),
        (gen_random_uuid(), 'test.old-queued', 'queued', ${longAgo}, ${longAgo}),
        (gen_random_uuid(), 'test.recent', 'failed', ${recent}, ${recent})`);
      await tx.execute(sql`update sessions set expires_at = ${old}
        where user_id = (select id from users where email = 'koord.s1@demo.pumpurs.lv')`);
    });
    const sessionsBefore = await count('sessions');

    const pruned = await server.database.withTx((tx) => pruneExpiredRecords(tx, at));

    expect(pruned).toEqual({
      loginAttempts: 1,
      secondFactorAttempts: 0,
      confirmationAttempts: 1,
      passwordResets: 2,
      sessions: 1,
      jobs: 1,
    });
    expect(await count('password_reset_requests')).toBe(1);
    expect(await count('password_reset_tokens')).toBe(1);
    // A job still queued is kept however old.
    expect(await count('job_runs')).toBe(2);
    expect(await count('login_attempts')).toBe(1);
    expect(await count('confirmation_attempts')).toBe(1);
    expect(await count('sessions')).toBe(sessionsBefore - 1);
    expect((await expired.get('/api/me')).statusCode).toBe(401);
    expect((await live.get('/api/me')).statusCode).toBe(200);
  });
});
