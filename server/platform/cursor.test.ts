import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  filterKey,
  MAX_CURSOR_BYTES,
  type TCursorPayload,
} from '../../common/api/cursor.ts';
import { ZStudentListQuery } from '../../common/api/students.ts';
import { type Keyset, keysetAfter, keysetPage, pageOffset, validKeyValue } from './cursor.ts';

const ID = '0b6f2a0e-8f3c-4b7e-9a51-2f1d3c4b5a69';
const payload: TCursorPayload = { l: 'students', s: 'name', d: 'asc', k: ['BEFG', 'AB'], id: ID };
const b64url = (text: string) => Buffer.from(text).toString('base64url');

const names: Keyset = {
  list: 'students',
  sort: 'name',
  dir: 'asc',
  keys: [
    { expr: sql`last_key`, dir: 'asc', kind: 'text' },
    { expr: sql`first_key`, dir: 'asc', kind: 'text' },
  ],
  id: { expr: sql`id`, dir: 'asc', kind: 'uuid' },
};
const dialect = new PgDialect();
const render = (q: ReturnType<typeof keysetAfter>) => dialect.sqlToQuery(q);

describe('cursor encoding', () => {
  it('round-trips a payload, Latvian letters included', () => {
    const withLetters = { ...payload, k: ['Ābols Čakste Šķēle Žagars', '\\`['] };
    const cursor = encodeCursor(withLetters);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(withLetters);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/=='],
    ['with spaces', 'eyJs IjoiIn0'],
    ['truncated', encodeCursor(payload).slice(0, -7)],
    ['one character cut from a 4-block', 'a'],
    ['not JSON', b64url('hello')],
    ['JSON but a number', b64url('42')],
    ['JSON null', b64url('null')],
    ['an array', b64url('[1,2]')],
    ['missing id', b64url(JSON.stringify({ l: 'students', s: 'name', d: 'asc', k: [] }))],
    ['extra field', b64url(JSON.stringify({ ...payload, admin: true }))],
    ['wrong direction', b64url(JSON.stringify({ ...payload, d: 'sideways' }))],
    ['number key', b64url(JSON.stringify({ ...payload, k: [1, 2] }))],
    ['null key', b64url(JSON.stringify({ ...payload, k: [null] }))],
    ['object key', b64url(JSON.stringify({ ...payload, k: [{}] }))],
    ['too many keys', b64url(JSON.stringify({ ...payload, k: Array(9).fill('a') }))],
    ['too long key', b64url(JSON.stringify({ ...payload, k: ['a'.repeat(301)] }))],
    ['oversized', b64url(JSON.stringify({ ...payload, k: Array(4).fill('a'.repeat(290)) }))],
    ['megabyte', 'A'.repeat(1_000_000)],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')],
    ['proto pollution', b64url('{"__proto__":{"x":1},"l":"students","s":"name","d":"asc","k":[],"id":"x"}')],
  ])('refuses a cursor that is %s', (_why, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });

  it('refuses more than 1 KB decoded even when every field is short enough', () => {
    const big = { ...payload, k: Array(8).fill('x'.repeat(200)) };
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_CURSOR_BYTES);
    expect(decodeCursor(encodeCursor(big))).toBeNull();
  });
});

describe('cursor in a list query', () => {
  const parse = (query: Record<string, string>) => ZStudentListQuery.safeParse(query);
  const messages = (r: ReturnType<typeof parse>) => (r.success ? [] : r.error.issues.map((i) => i.message));
  /** A cursor as the list hands it out: bound to the filters of the query (none here but the defaults). */
  const bound: TCursorPayload = { ...payload, f: filterKey(ZStudentListQuery.parse({})) };

  it('refuses a cursor made with other filters, or with none', () => {
    expect(messages(parse({ cursor: encodeCursor(bound), q: 'Bērziņš' }))).toEqual(['cursor_other_filters']);
    expect(messages(parse({ cursor: encodeCursor(payload) }))).toEqual(['cursor_other_filters']);
  });

  it('accepts a cursor made for the same sort and direction, and no page', () => {
    const r = parse({ cursor: encodeCursor(bound) });
    expect(r.success && r.data.cursor).toEqual(bound);
    expect(r.success && r.data.page).toBeUndefined();
  });

  it('refuses a garbage cursor with cursor_invalid', () => {
    expect(messages(parse({ cursor: 'x'.repeat(5) }))).toEqual(['cursor_invalid']);
  });

  it('refuses page together with cursor', () => {
    expect(messages(parse({ cursor: encodeCursor(bound), page: '2' }))).toContain('cursor_with_page');
  });

  it.each([
    ['another sort', { sort: 'class' }],
    ['another direction', { dir: 'desc' }],
  ])('refuses a cursor made for %s', (_why, query) => {
    expect(messages(parse({ cursor: encodeCursor(bound), ...query }))).toEqual(['cursor_other_sort']);
  });

  it('refuses a cursor made for another list', () => {
    expect(messages(parse({ cursor: encodeCursor({ ...payload, l: 'users' }) }))).toEqual([
      'cursor_other_sort',
    ]);
  });

  it('still pages by offset without a cursor', () => {
    const r = parse({ page: '3', pageSize: '20' });
    expect(r.success && pageOffset(r.data)).toBe(40);
    expect(pageOffset({ pageSize: 20 })).toBe(0);
    expect(pageOffset({ pageSize: 20, cursor: payload })).toBe(0);
  });
});

describe('key values', () => {
  it.each([
    ['text', 'ABC', true],
    ['text', 'a\u0000b', false],
    ['int', '12', true],
    ['int', '-3', true],
    ['int', '1e5', false],
    ['int', '99999999999', false],
    ['bigint', '123456789012', true],
    ['bigint', '-1', false],
    ['uuid', ID, true],
    ['uuid', `${ID}'`, false],
    ['uuid', 'not-a-uuid', false],
    ['timestamptz', '2026-09-01 08:00:00.123456+00', true],
    ['timestamptz', '2026-09-01 08:00:00+02:30', true],
    ['timestamptz', '2026-09-01 08:00:00', true],
    ['timestamptz', '2026-02-30 08:00:00+00', false],
    ['timestamptz', '2026-13-01 08:00:00+00', false],
    ['timestamptz', '0000-01-01 00:00:00+00', false],
    ['timestamptz', '2026-09-01 24:00:00+00', false],
    ['timestamptz', '2026-09-01 08:00:00+99', false],
    ['timestamptz', 'now', false],
    ['timestamptz', 'infinity', false],
    ['timestamptz', '2026-09-01T08:00:00Z', false],
  ] as const)('%s %j valid: %s', (kind, value, ok) => {
    expect(validKeyValue(kind, value)).toBe(ok);
  });
});

describe('the condition after a cursor', () => {
  it('is one row comparison when every key sorts the same way, values as parameters', () => {
    const q = render(keysetAfter(names, payload));
    expect(q.sql).toBe('((last_key), (first_key), (id)) > ($1, $2, $3::uuid)');
    expect(q.params).toEqual(['BEFG', 'AB', ID]);
  });

  it('uses < for a descending sort', () => {
    const desc: Keyset = {
      ...names,
      dir: 'desc',
      keys: names.keys.map((k) => ({ ...k, dir: 'desc' })),
      id: { ...names.id, dir: 'desc' },
    };
    expect(render(keysetAfter(desc, { ...payload, d: 'desc' })).sql).toContain(') < (');
  });

  it('bounds the first key and breaks ties with a nested OR for mixed directions', () => {
    const mixed: Keyset = { ...names, sort: 'class', dir: 'desc', keys: [{ ...names.keys[0], dir: 'desc' }] };
    const q = render(keysetAfter(mixed, { ...payload, s: 'class', d: 'desc', k: ['7.a'] }));
    expect(q.sql).toBe('((last_key) <= $1 and ((last_key) < $2 or ((last_key) = $3 and (id) > $4::uuid)))');
  });

  it.each([
    ['another list', { l: 'users' }],
    ['another sort', { s: 'code' }],
    ['another direction', { d: 'desc' as const }],
    ['too few values', { k: ['A'] }],
    ['too many values', { k: ['A', 'B', 'C'] }],
    ['a forged id', { id: "1' or 1=1 --" }],
    ['a NUL in a key', { k: ['A\u0000', 'B'] }],
  ])('is a 400 validation for %s', (_why, change) => {
    expect(() => keysetAfter(names, { ...payload, ...change })).toThrow(
      expect.objectContaining({ status: 400, code: 'validation' }),
    );
  });
});

describe('a page from LIMIT n + 1 rows', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, _k0: `L${n}`, _k1: `F${n}`, _id: `id${n}` }));

  it('gives the first n rows without key columns and the cursor after the nth', () => {
    const page = keysetPage(names, rows, 2);
    expect(page.rows).toEqual([{ id: 'r1' }, { id: 'r2' }]);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual({
      l: 'students',
      s: 'name',
      d: 'asc',
      k: ['L2', 'F2'],
      id: 'id2',
    });
  });

  it('has no next cursor on the last page', () => {
    expect(keysetPage(names, rows, 3).nextCursor).toBeNull();
    expect(keysetPage(names, [], 3)).toEqual({ rows: [], nextCursor: null });
  });
});
