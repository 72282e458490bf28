import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/server.ts';
import { advanceClock, nowMs, resetClock, setClock } from '../../platform/clock.ts';
import { verifyPassword } from '../../platform/passwords.ts';

// Counts how many attempts reach the (expensive, guess-revealing) password check.
vi.mock('../../platform/passwords.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../platform/passwords.ts')>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});

const WRONG = 'wrong-password-xx';
let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  // Each test starts an hour after the previous one, so no earlier failure is in its window.
  setClock(new Date(Date.UTC(2027, 0, 1, 8) + testNo++ * 3_600_000), { frozen: true });
  vi.mocked(verifyPassword).mockClear();
});
afterEach(() => resetClock());
let testNo = 0;

const demo = (local: string) => `${local}@demo.pumpurs.lv`;
const retryAfter = (res: { headers: Record<string, unknown> }) => Number(res.headers['retry-after']);

describe('sign-in limits', () => {
  it('lets at most 5 of 10 parallel wrong attempts on one account reach the password check', async () => {
    const email = demo('skolotajs.s1');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => server.client(`10.20.0.${i}`).login(email, WRONG)),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes).toContain(401);
    expect(codes.filter((c) => c !== 401).every((c) => c === 429)).toBe(true);
    expect(vi.mocked(verifyPassword).mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('lets at most 5 of 10 parallel wrong attempts from one address reach the password check', async () => {
    const c = server.client('10.21.0.1');
    await c.fetchCsrf();
    const answers = await Promise.all(Array.from({ length: 10 }, () => c.login(demo('skolotajs.s2'), WRONG)));
    expect(answers.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.statusCode === 401).length).toBeGreaterThan(0);
    expect(vi.mocked(verifyPassword).mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('lets the right password in from another address after a short wait, not a 10-minute lock-out', async () => {
    const email = demo('koord.s1');
    for (let i = 0; i < 5; i++)
      expect((await server.client(`10.22.0.${i}`).login(email, WRONG)).statusCode).toBe(401);
    const owner = server.client('10.22.1.1');
    const first = await owner.login(email);
    expect(first.statusCode).toBe(429);
    expect(retryAfter(first)).toBeGreaterThan(0);
    expect(retryAfter(first)).toBeLessThanOrEqual(60);
    advanceClock(retryAfter(first) * 1000);
    expect((await owner.login(email)).statusCode).toBe(200);
  });

  it('refuses a sixth guess from the same address for the same account for up to 10 minutes', async () => {
    const email = demo('koord.s2');
    const attacker = server.client('10.23.0.1');
    for (let i = 0; i < 5; i++) {
      expect((await attacker.login(email, WRONG)).statusCode).toBe(401);
      advanceClock(60_000);
    }
    const sixth = await attacker.login(email);
    expect(sixth.statusCode).toBe(429);
    expect(retryAfter(sixth)).toBeGreaterThan(0);
    expect(retryAfter(sixth)).toBeLessThanOrEqual(600);
    // Meanwhile the owner, from their own address, gets in.
    expect((await server.client('10.23.0.2').login(email)).statusCode).toBe(200);
  });

  it('cannot be kept locked: refused attempts do not renew the wait and the wait never passes its cap', async () => {
    const email = demo('direktors.s1');
    let seen = 0;
    for (let i = 0; i < 40; i++) {
      const res = await server.client(`10.24.${i}.1`).login(email, WRONG);
      if (res.statusCode === 429) {
        expect(retryAfter(res)).toBeLessThanOrEqual(60);
        // Hammering while refused changes nothing.
        for (let k = 0; k < 3; k++) {
          const again = await server.client(`10.24.${i}.${k + 2}`).login(email, WRONG);
          expect(again.statusCode).toBe(429);
          expect(retryAfter(again)).toBeLessThanOrEqual(retryAfter(res));
        }
        advanceClock(retryAfter(res) * 1000);
      } else {
        expect(res.statusCode).toBe(401);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(5);
    // Even after 40 rounds of guessing, the owner waits at most the cap.
    const owner = server.client('10.24.250.1');
    const res = await owner.login(email);
    if (res.statusCode === 429) {
      expect(retryAfter(res)).toBeLessThanOrEqual(60);
      advanceClock(retryAfter(res) * 1000);
      expect((await owner.login(email)).statusCode).toBe(200);
    } else expect(res.statusCode).toBe(200);
  });

  it('does not lock a shared address (a school NAT) out after five typos on five accounts', async () => {
    const nat = '10.25.0.1';
    const accounts = ['koord.s1', 'koord.s2', 'skolotajs.s1', 'skolotajs.s2', 'direktors.s1'];
    for (const a of accounts) expect((await server.client(nat).login(demo(a), WRONG)).statusCode).toBe(401);
    expect((await server.client(nat).login(demo('direktors.s2'))).statusCode).toBe(200);
  });

  it('refuses an address after 100 failures in 10 minutes, and forgets them after the window', async () => {
    const ip = '10.26.0.1';
    const at = new Date(nowMs() - 60_000);
    await server.database.withTx((tx) =>
      tx.execute(sql`insert into login_attempts (email, ip, success, at)
        select 'nobody' || g || '@demo.pumpurs.lv', ${ip}, false, ${at} from generate_series(1, 100) g`),
    );
    const refused = await server.client(ip).login(demo('direktors.s2'));
    expect(refused.statusCode).toBe(429);
    expect(retryAfter(refused)).toBeLessThanOrEqual(600);
    advanceClock(retryAfter(refused) * 1000);
    expect((await server.client(ip).login(demo('direktors.s2'))).statusCode).toBe(200);
  });

  it('forgets failures once the 10-minute window has passed', async () => {
    const email = demo('skolotajs.s2');
    const c = server.client('10.27.0.1');
    for (let i = 0; i < 5; i++) expect((await c.login(email, WRONG)).statusCode).toBe(401);
    expect((await c.login(email)).statusCode).toBe(429);
    advanceClock(10 * 60_000 + 1000);
    expect((await c.login(email)).statusCode).toBe(200);
  });
});
