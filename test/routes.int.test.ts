import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'GET /api/auth/csrf',
  'POST /api/auth/login',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/complete',
  'GET /api/openapi.json',
  'GET /api/confirm/:token',
  'POST /api/confirm/:token',
  'GET /api/calendar-feed/:file',
]);
const apiRoutes = () => server.app.routeTable.filter((r) => r.url.startsWith('/api/'));
const sampleUrl = (url: string) => url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

describe('route table', () => {
  it('answers 401 on every /api route without a session except health, csrf, login, openapi, the remote-confirmation link and the calendar feed', async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const client = server.client('10.9.0.1');
    await client.fetchCsrf();
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      const res = await client.request(
        r.method as 'GET',
        sampleUrl(r.url),
        r.method === 'GET' ? undefined : {},
      );
      if (PUBLIC.has(key)) expect(res.statusCode, key).not.toBe(401);
      else expect(res.statusCode, key).toBe(401);
    }
  });

  it('describes every /api route in the OpenAPI document', async () => {
    const spec = (await server.client().get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const described = new Set(
      Object.entries(spec.paths).flatMap(([p, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    for (const r of apiRoutes()) {
      if (r.url === '/api/openapi.json') continue;
      expect(described.has(`${r.method} ${r.url}`), `${r.method} ${r.url}`).toBe(true);
    }
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const c = await server.signIn('koord.s1');
    const res = await c.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
