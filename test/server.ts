import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/app.ts';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { type Config, loadConfig } from '../server/platform/config.ts';
import { SESSION_COOKIE } from '../server/platform/cookies.ts';
import type { Database } from '../server/platform/db.ts';
import { createTestDatabase } from './database.ts';
import { completeSecondFactorForTest } from './second-factor.ts';

/** A test app on its own database. */
export interface TestServer {
  app: FastifyInstance;
  database: Database;
  /** A client with its own cookies; `signIn` logs it in. */
  client(ip?: string): TestClient;
  /**
   * A client signed in as a demo account (email's local part is enough: 'koord.s1'), past its
   * second factor and stepped up (issue 16); `stepUp: false` leaves it not stepped up, and
   * `secondFactor: false` leaves the session as the password alone made it (maybe pending).
   */
  signIn(account: string, opts?: SignInOptions): Promise<TestClient>;
  close(): Promise<void>;
}

/** How far `signIn` takes the session (issue 16). */
export interface SignInOptions {
  /** Complete the second factor in the database (default true). */
  secondFactor?: boolean;
  /** Also step the session up for a hundred years (default true). */
  stepUp?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A cookie-keeping, CSRF-sending client for `app.inject`. */
export class TestClient {
  readonly cookies: Record<string, string> = {};
  csrf: string | null = null;
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: Method,
    url: string,
    payload?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const mutating = method !== 'GET';
    if (mutating && opts.csrf !== false && !this.csrf) await this.fetchCsrf();
    const res = await this.app.inject({
      method,
      url,
      payload: payload as never,
      remoteAddress: this.ip,
      cookies: this.cookies,
      headers: {
        ...(mutating && opts.csrf !== false && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...opts.headers,
      },
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() < Date.now());
      if (expired) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  async fetchCsrf(): Promise<string> {
    const res = await this.request('GET', '/api/auth/csrf');
    this.csrf = res.json().token;
    return this.csrf as string;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, { headers });
  }
  post(url: string, payload?: unknown, opts?: { csrf?: boolean }) {
    return this.request('POST', url, payload ?? {}, opts);
  }
  patch(url: string, payload: unknown) {
    return this.request('PATCH', url, payload);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { email, password });
  }

  /**
   * Test-only: marks this client's session as past its second factor (and stepped up, unless
   * `stepUp: false`) directly in the app's database (issue 16).
   */
  async passSecondFactor(opts: { stepUp?: boolean } = {}): Promise<void> {
    const token = this.cookies[SESSION_COOKIE];
    if (!token) throw new Error('passSecondFactor: not signed in');
    await completeSecondFactorForTest(this.app.database, token, opts);
  }
}

/** Starts an app (API only) on a fresh copy of the demo database. */
export async function createTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const { database, drop } = await createTestDatabase();
  const config = loadConfig({ logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', loadDemo: false, ...overrides });
  const app = await buildApp({ config, database, serveClient: false });
  await app.ready();
  let ipCounter = 10;
  return {
    app,
    database,
    client: (ip) => new TestClient(app, ip),
    async signIn(account, opts = {}) {
      // Each signed-in client gets its own address so sign-in rate limits of one test do not touch another.
      const client = new TestClient(app, `10.0.0.${ipCounter++}`);
      const email = account.includes('@') ? account : `${account}@demo.pumpurs.lv`;
      const res = await client.login(email);
      if (res.statusCode !== 200)
        throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
      if (opts.secondFactor !== false) await client.passSecondFactor({ stepUp: opts.stepUp !== false });
      return client;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

/**
 * An answer's JSON without its request id (every error answer carries its own, issue 16), for tests
 * that check two answers are the same.
 */
export function answerBody(res: LightMyRequestResponse): unknown {
  const body = res.json() as { error?: Record<string, unknown> } | null;
  if (body && typeof body === 'object' && body.error && typeof body.error === 'object') {
    const { requestId: _requestId, ...error } = body.error;
    return { ...body, error };
  }
  return body;
}
