import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fillUrl, type RouteSample, routeSamples, type WalkIds } from './bad-input-samples.ts';
import {
  databaseFingerprint,
  findWalkIds,
  leavesOf,
  queryKeys,
  spoilsOf,
  withLeaf,
} from './bad-input-walk.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

let server: TestServer;
let admin: TestClient;
let ids: WalkIds;
let samples: Record<string, RouteSample>;

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  ids = await findWalkIds(server.database);
  samples = routeSamples(ids);
});
afterAll(() => server.close());

type Schemas = { body?: z.ZodType; querystring?: z.ZodType };
const apiRoutes = () =>
  server.app.routeTable
    .filter((r) => r.url.startsWith('/api/'))
    .map((r) => ({
      key: `${r.method} ${r.url}`,
      method: r.method,
      url: r.url,
      schema: (r.schema ?? {}) as Schemas,
    }));
/** A query string; a lone surrogate goes out as the CESU bytes an attacker would send (`%ED%A0%80`). */
const queryString = (q: Record<string, string>) =>
  Object.entries(q)
    .map(
      ([k, v]) => `${encodeURIComponent(k)}=${v.split('\ud800').map(encodeURIComponent).join('%ED%A0%80')}`,
    )
    .join('&');

interface Probe {
  key: string;
  label: string;
  field: string | null;
  method: string;
  url: string;
  body?: unknown;
  raw?: string;
}

/** Every spoiled request of the walk: one bad value at a time in a body field, query parameter or URL part. */
function probesFor(route: ReturnType<typeof apiRoutes>[number], sample: RouteSample): Probe[] {
  const url = fillUrl(route.url, ids);
  const probes: Probe[] = [];
  const base = { key: route.key, method: route.method, raw: sample.raw };
  const query = sample.query ?? {};
  const send = (q: Record<string, string>) => `${url}${Object.keys(q).length ? `?${queryString(q)}` : ''}`;
  if (sample.body) {
    leavesOf(sample.body).forEach((leaf, i) => {
      for (const spoil of spoilsOf(leaf, i === 0))
        probes.push({
          ...base,
          label: spoil.label,
          field: leaf.path.join('.'),
          url: send(query),
          body: withLeaf(sample.body, leaf.path, spoil.value),
        });
    });
    probes.push({
      ...base,
      label: 'control character in a key',
      field: '/',
      url: send(query),
      body: { ...sample.body, 'a\u0000': 1 },
    });
  }
  const keys = [...new Set([...Object.keys(query), ...queryKeys(route.schema.querystring)])];
  keys.forEach((key, i) => {
    const value = query[key] ?? 'x';
    for (const spoil of spoilsOf({ path: [key], value }, i === 0))
      probes.push({
        ...base,
        label: `query ${spoil.label}`,
        field: key,
        url: send({ ...query, [key]: String(spoil.value) }),
        body: sample.body,
      });
  });
  // NUL decodes and is named by its parameter; an encoded surrogate cannot be decoded by the router, so the answer names `url`.
  for (const param of route.url.match(/:[a-zA-Z]+/g) ?? [])
    for (const [label, bad] of [
      ['NUL in URL', '%00'],
      ['encoded lone surrogate in URL', '%ED%A0%80'],
    ])
      probes.push({
        ...base,
        label,
        field: bad === '%00' ? param.slice(1) : 'url',
        url: fillUrl(route.url.replace(param, bad), ids),
        body: sample.body,
      });
  return probes;
}

describe('bad input gets a clear 4xx naming the field, never a 500, and changes nothing', () => {
  it('has a valid sample for every /api route, and no sample for a route that is gone', () => {
    const missing = apiRoutes()
      .filter((r) => !samples[r.key])
      .map((r) => r.key);
    expect(missing, 'add these routes to test/bad-input-samples.ts').toEqual([]);
    const known = new Set(apiRoutes().map((r) => r.key));
    expect(Object.keys(samples).filter((k) => !known.has(k))).toEqual([]);
    for (const r of apiRoutes()) {
      const s = samples[r.key];
      if (r.schema.body) expect(s.body ?? s.raw, `${r.key} needs a body`).toBeDefined();
      if (s.body && r.schema.body)
        expect(r.schema.body.safeParse(s.body).error?.issues, r.key).toBeUndefined();
      if (r.schema.querystring)
        expect(r.schema.querystring.safeParse(s.query ?? {}).error?.issues, r.key).toBeUndefined();
    }
  });

  it('every route schema itself refuses a NUL byte, a lone surrogate or an impossible date in each field', () => {
    const accepted: string[] = [];
    for (const r of apiRoutes()) {
      const s = samples[r.key];
      const check = (
        schema: z.ZodType | undefined,
        value: Record<string, unknown> | undefined,
        where: string,
      ) => {
        if (!schema || !value) return;
        leavesOf(value).forEach((leaf, i) => {
          for (const spoil of spoilsOf(leaf, i === 0)) {
            const result = schema.safeParse(withLeaf(value, leaf.path, spoil.value));
            const named = result.error?.issues.some((issue) => issue.path.join('.') === leaf.path.join('.'));
            if (!named) accepted.push(`${r.key} ${where} ${leaf.path.join('.')}: ${spoil.label}`);
          }
        });
      };
      check(r.schema.body, s.body, 'body');
      check(r.schema.querystring, s.query, 'query');
    }
    expect(accepted).toEqual([]);
  });

  it('answers every spoiled request to every route with a 4xx naming the field, and writes nothing', async () => {
    const before = await databaseFingerprint(server.database);
    const failures: string[] = [];
    let sent = 0;
    for (const route of apiRoutes()) {
      const sample = samples[route.key];
      if (!sample) {
        failures.push(`${route.key}: no sample in test/bad-input-samples.ts`);
        continue;
      }
      for (const p of probesFor(route, sample)) {
        sent++;
        const payload = p.raw
          ? Buffer.from('x')
          : p.method === 'GET' || p.method === 'DELETE'
            ? undefined
            : (p.body ?? {});
        const res = await admin.request(p.method as 'POST', p.url, payload, {
          headers: p.raw ? { 'content-type': p.raw } : {},
        });
        const what = `${p.key} ${p.field ?? ''} ${p.label}: ${res.statusCode}`;
        if (res.statusCode < 400 || res.statusCode >= 500) {
          failures.push(`${what} ${res.body.slice(0, 200)}`);
          continue;
        }
        if (res.statusCode === 413 && p.label.includes('1 MB')) continue;
        const details = (res.json().error?.details ?? []) as { path: string }[];
        if (res.statusCode !== 400 || !details.some((d) => d.path === p.field))
          failures.push(`${what} ${res.body.slice(0, 200)}`);
      }
    }
    console.info(`bad-input walk: ${sent} requests to ${apiRoutes().length} routes`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    expect(await databaseFingerprint(server.database)).toEqual(before);
  }, 300_000);
});
