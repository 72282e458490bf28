import fc from 'fast-check';
import type { z } from 'zod';
import { ANY_ID } from '../bad-input-samples.ts';
import { leavesOf, withLeaf } from '../bad-input-walk.ts';
import { edgeValues, fieldArbitrary, shapeOf } from './from-zod.ts';
import { deeplyNestedJson, hostileKey, hostileString, hostileValue } from './hostile.ts';

/** One /api route as the route table has it, with its zod schemas. */
export interface FuzzRoute {
  key: string;
  method: string;
  url: string;
  schema: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType };
}

/** A valid request to the route (from test/bad-input-samples.ts) that the fuzzer spoils. */
export interface Base {
  /** The URL with every `:param` filled with a real record. */
  params: Record<string, string>;
  query: Record<string, string>;
  body?: Record<string, unknown>;
  /** Content type of a file upload (the body is bytes, not JSON). */
  raw?: string;
}

/** One generated request: what is sent, and a short description for a failure message. */
export interface FuzzRequest {
  method: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  what: string[];
}

/**
 * percent-encodes any JS string, a lone surrogate included (as the 3 bytes a careless encoder
 * sends, e.g. `%ED%A0%80`), where encodeURIComponent would throw.
 */
export function encodeLoose(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(text[i]);
  }
  return out;
}

/** A JSON value's text with `__proto__` kept as an own key (plain assignment would set the prototype). */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Path parameter values that are not what the route expects. */
const PARAM_VALUES = [
  'not-a-uuid',
  '1',
  '-1',
  '0',
  '%2F',
  '..%2F..%2Fadmin',
  '%2e%2e',
  '%00',
  '%ED%A0%80',
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%27%3B%20drop%20table%20students%3B%20--',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'a'.repeat(5_000),
  '00000000-0000-0000-0000-000000000000',
  ANY_ID,
  `${ANY_ID}%20`,
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '__proto__',
  'constructor',
];

/** Bodies that are not what any route takes: nested 1000 levels deep, over the 1 MB limit. */
const ROOT_TEXTS = [
  deeplyNestedJson(1000, 'array'),
  deeplyNestedJson(1000, 'object'),
  `{"a":"${'x'.repeat(1_100_000)}"}`,
];

type Change =
  | { kind: 'param'; name: string; value: string }
  | { kind: 'query'; key: string; value: unknown }
  | { kind: 'query-repeat'; key: string; values: string[] }
  | { kind: 'query-array'; key: string; value: string }
  | { kind: 'query-drop'; key: string }
  | { kind: 'field'; key: string; value: unknown }
  | { kind: 'leaf'; path: string[]; value: unknown }
  | { kind: 'drop'; key: string }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'root'; text: string; contentType?: string }
  | { kind: 'content-type'; contentType: string }
  | { kind: 'bytes'; bytes: Uint8Array };

/** The changes that can be made to this route's base request. */
function changeArbitrary(route: FuzzRoute, base: Base): fc.Arbitrary<Change> {
  const options: fc.Arbitrary<Change>[] = [];
  const paramNames = Object.keys(base.params);
  if (paramNames.length)
    options.push(
      fc.record({
        kind: fc.constant('param' as const),
        name: fc.constantFrom(...paramNames),
        value: fc.oneof(
          fc.constantFrom(...PARAM_VALUES),
          hostileString.filter((s) => s.length < 3000).map(encodeLoose),
        ),
      }),
    );
  const queryShape = shapeOf(route.schema.querystring) ?? {};
  const queryKeys = [...new Set([...Object.keys(base.query), ...Object.keys(queryShape)])];
  const anyQueryKey = fc.oneof(
    ...(queryKeys.length ? [fc.constantFrom(...queryKeys)] : []),
    hostileKey.filter((k) => k.length < 200),
  );
  options.push(
    fc.oneof(
      ...queryKeys.map((key) =>
        (queryShape[key] ? fieldArbitrary(queryShape[key], true) : hostileString).map(
          (value): Change => ({ kind: 'query', key, value }),
        ),
      ),
      fc.record({
        kind: fc.constant('query' as const),
        key: anyQueryKey,
        value: hostileString as fc.Arbitrary<unknown>,
      }),
    ),
    fc.record({
      kind: fc.constant('query-repeat' as const),
      key: anyQueryKey,
      values: fc.array(fc.oneof(hostileString, fc.constantFrom(...Object.values(base.query), 'x')), {
        minLength: 2,
        maxLength: 4,
      }),
    }),
    fc.record({ kind: fc.constant('query-array' as const), key: anyQueryKey, value: hostileString }),
  );
  if (queryKeys.length)
    options.push(fc.record({ kind: fc.constant('query-drop' as const), key: fc.constantFrom(...queryKeys) }));
  const bodyShape = shapeOf(route.schema.body);
  if (!base.raw && (route.schema.body || base.body)) {
    const body = base.body ?? {};
    const keys = [...new Set([...Object.keys(body), ...Object.keys(bodyShape ?? {})])];
    const leaves = leavesOf(body);
    if (keys.length) {
      options.push(
        fc.oneof(
          ...keys.map((key) =>
            (bodyShape?.[key] ? fieldArbitrary(bodyShape[key]) : hostileValue).map(
              (value): Change => ({ kind: 'field', key, value }),
            ),
          ),
        ),
        fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...keys) }),
      );
    }
    if (leaves.length)
      options.push(
        fc.record({
          kind: fc.constant('leaf' as const),
          path: fc.constantFrom(...leaves.map((l) => l.path)),
          value: hostileValue,
        }),
      );
    options.push(
      fc.record({ kind: fc.constant('extra' as const), key: hostileKey, value: hostileValue }),
      fc.record({
        kind: fc.constant('root' as const),
        text: fc.constantFrom(
          '[]',
          '"x"',
          '1',
          'null',
          'true',
          '',
          '{',
          '{"a":',
          '{"a":1,}',
          "{'a':1}",
          '{"__proto__":{"isAdmin":true}}',
          '{"constructor":{"prototype":{"isAdmin":true}}}',
          ...ROOT_TEXTS,
          JSON.stringify(Array(5_000).fill(body)),
        ),
      }),
      fc.record({
        kind: fc.constant('content-type' as const),
        contentType: fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/xml',
          'application/json\u0000',
        ),
      }),
    );
  }
  if (base.raw)
    options.push(
      fc.record({
        kind: fc.constant('bytes' as const),
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
        ),
      }),
      fc.record({
        kind: fc.constant('content-type' as const),
        contentType: fc.constantFrom(
          'application/json',
          'text/html',
          'image/svg+xml',
          'application/x-msdownload',
          'text/csv; charset=utf-16',
        ),
      }),
    );
  return fc.oneof(...options);
}

/** Applies changes to the base request and encodes it as it goes over the wire. */
export function buildRequest(route: FuzzRoute, base: Base, changes: Change[]): FuzzRequest {
  const params = { ...base.params };
  let query: [string, string][] = Object.entries(base.query);
  let body: unknown = base.body ? structuredClone(base.body) : route.schema.body ? {} : undefined;
  let rootText: string | undefined;
  let contentType: string | undefined = base.raw ?? (body !== undefined ? 'application/json' : undefined);
  let bytes: Buffer | undefined = base.raw ? Buffer.from('x') : undefined;
  const what: string[] = [];
  const show = (v: unknown) => {
    const text = typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v) ?? v);
    return text.length > 80 ? `${text.slice(0, 80)}…(${text.length})` : text;
  };
  const asText = (v: unknown) =>
    typeof v === 'string' ? v : v === undefined ? '' : (JSON.stringify(v) ?? '');
  for (const c of changes) {
    switch (c.kind) {
      case 'param':
        params[c.name] = c.value;
        what.push(`param ${c.name}=${show(c.value)}`);
        break;
      case 'query':
        query = [...query.filter(([k]) => k !== c.key), [c.key, asText(c.value)]];
        what.push(`query ${show(c.key)}=${show(c.value)}`);
        break;
      case 'query-repeat':
        query = [...query.filter(([k]) => k !== c.key), ...c.values.map((v): [string, string] => [c.key, v])];
        what.push(`query ${show(c.key)} repeated ${show(c.values)}`);
        break;
      case 'query-array':
        query = [...query, [`${c.key}[]`, c.value], [`${c.key}[0]`, c.value]];
        what.push(`query ${show(c.key)}[]=${show(c.value)}`);
        break;
      case 'query-drop':
        query = query.filter(([k]) => k !== c.key);
        what.push(`query without ${c.key}`);
        break;
      case 'field':
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          if (c.value === undefined) {
            const { [c.key]: _gone, ...rest } = body as Record<string, unknown>;
            body = rest;
          } else body = withKey(body as Record<string, unknown>, c.key, c.value);
          what.push(`body ${c.key}=${show(c.value)}`);
        }
        break;
      case 'leaf':
        if (body && typeof body === 'object') {
          body = withLeaf(body, c.path, c.value);
          what.push(`body ${c.path.join('.')}=${show(c.value)}`);
        }
        break;
      case 'drop':
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          const { [c.key]: _gone, ...rest } = body as Record<string, unknown>;
          body = rest;
          what.push(`body without ${c.key}`);
        }
        break;
      case 'extra':
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          body = withKey(body as Record<string, unknown>, c.key, c.value);
          what.push(`body extra ${show(c.key)}=${show(c.value)}`);
        }
        break;
      case 'root':
        rootText = c.text;
        what.push(`body text ${show(c.text)}`);
        break;
      case 'content-type':
        contentType = c.contentType;
        what.push(`content-type ${show(c.contentType)}`);
        break;
      case 'bytes':
        bytes = Buffer.from(c.bytes);
        what.push(`file bytes ${bytes.length}: ${show(bytes.subarray(0, 24).toString('latin1'))}`);
        break;
    }
  }
  const path = route.url.replace(/:([a-zA-Z]+)/g, (_m, name: string) => params[name] ?? ANY_ID);
  const qs = query.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&');
  const url = qs ? `${path}?${qs}` : path;
  const payload = base.raw ? bytes : (rootText ?? (body === undefined ? undefined : JSON.stringify(body)));
  return {
    method: route.method,
    url,
    payload,
    contentType: payload === undefined ? undefined : contentType,
    what,
  };
}

/** One to three changes to the route's valid request. */
export function requestArbitrary(route: FuzzRoute, base: Base): fc.Arbitrary<FuzzRequest> {
  return fc
    .array(changeArbitrary(route, base), { minLength: 1, maxLength: 3 })
    .map((changes) => buildRequest(route, base, changes));
}

export { edgeValues };
