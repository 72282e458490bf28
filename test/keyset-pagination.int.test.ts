import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../common/api/cursor.ts';
import { makeOldPersonalCode } from '../common/personal-code.ts';
import { queryRows } from '../server/platform/db.ts';
import { moveClockIntoSemester } from './calendar.ts';
import { organisationIdsByCode } from './factories.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

/**
 * Keyset pagination on every list that has it: walking the pages by `nextCursor` gives each row in
 * the caller's scope once, in the order of one big offset page; rows inserted meanwhile neither
 * repeat nor hide others; bad cursors are 400s; a cursor never widens the scope. (That the planner
 * can use the 0016 index: `server/domains/students/list-index.int.test.ts`.)
 */

let server: TestServer;
const c: Record<string, TestClient> = {};
let schools: Record<string, string>;

type Item = { id: string };
/** A row's id (the watch list names it `studentId`). */
const idOf = (i: Item | { studentId: string }) => ('id' in i ? i.id : i.studentId);
const join = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

/** Every id of a list by offset pages of 200 (the order the offset path has always given). */
async function byOffset(client: TestClient, url: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await client.get(join(url, `page=${page}&pageSize=200`));
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Item[];
    ids.push(...items.map(idOf));
    if (items.length < 200) return ids;
  }
}

/** Every id of a list by following `nextCursor`, `pageSize` at a time. */
async function byCursor(client: TestClient, url: string, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 1000; n++) {
    const res = await client.get(
      join(url, `pageSize=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    expect(res.statusCode, res.body).toBe(200);
    ids.push(...(res.json().items as Item[]).map(idOf));
    cursor = res.json().nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('no last page');
}

async function expectSameWalk(client: TestClient, url: string, pageSize: number, atLeast = 2) {
  const offset = await byOffset(client, url);
  const cursor = await byCursor(client, url, pageSize);
  expect(offset.length).toBeGreaterThanOrEqual(atLeast);
  expect(new Set(cursor).size).toBe(cursor.length);
  expect(cursor).toEqual(offset);
}

beforeAll(async () => {
  server = await createTestServer();
  await moveClockIntoSemester(server.database);
  for (const who of [
    'admin',
    'koord.s1',
    'koord.s2',
    'skolotajs.s1',
    'direktors.s1',
    'koord.ziemelu',
    'eksperts',
  ])
    c[who] = await server.signIn(who);
  schools = await organisationIdsByCode(c.admin);
  // Ties and Latvian letters: the same names three times, and names that differ only in ā/a, č/c, š/s, ž/z.
  const names = [
    ['Ēriks', 'Šķēle'],
    ['Ēriks', 'Šķēle'],
    ['Ēriks', 'Šķēle'],
    ['Anna', 'Ābele'],
    ['Anna', 'Abele'],
    ['Čaks', 'Cālis'],
    ['Žanis', 'Zeltiņš'],
    ['Zane', 'Žagata'],
    ['Sandra', 'Šmite'],
    ['Sandra', 'Smite'],
  ];
  for (const [i, [firstName, lastName]] of names.entries()) {
    const res = await c['koord.s1'].post('/api/students', {
      personalCode: makeOldPersonalCode(`2010-03-${String(i + 1).padStart(2, '0')}`, 871),
      firstName,
      lastName,
      schoolId: schools['ZIEM-S1'],
      classLabel: '7.a',
      grade: 7,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => server.close());

describe('students by cursor', () => {
  const s1 = () => `/api/students?schoolId=${schools['ZIEM-S1']}`;
  for (const sort of ['name', 'class', 'grade'] as const)
    for (const dir of ['asc', 'desc'] as const)
      it(`walks one school's students sorted by ${sort} ${dir} like the offset pages`, async () => {
        await expectSameWalk(c['koord.s1'], `${s1()}&sort=${sort}&dir=${dir}`, 97, 700);
      });

  it('walks the students by personal code where the caller may sort by it', async () => {
    const client = c['direktors.s1'];
    const probe = (await client.get('/api/students?pageSize=1')).json();
    if (!probe.codeSortable) return;
    for (const dir of ['asc', 'desc'])
      await expectSameWalk(client, `/api/students?sort=code&dir=${dir}`, 150, 700);
  });

  it('puts the tied and Latvian names where the offset path does, within a filter', async () => {
    await expectSameWalk(c['koord.s1'], `${s1()}&classLabel=7.a&sort=name`, 3, 10);
    const names = (
      await c['koord.s1'].get(`${s1()}&q=${encodeURIComponent('šķēle')}&sort=name&pageSize=2`)
    ).json();
    expect(names.total).toBe(3);
    expect(names.nextCursor).not.toBeNull();
    const rest = (
      await c['koord.s1'].get(
        `${s1()}&q=${encodeURIComponent('šķēle')}&sort=name&pageSize=2&cursor=${names.nextCursor}`,
      )
    ).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.total).toBe(3);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...names.items, ...rest.items].map((s: Item) => s.id)).size).toBe(3);
  });

  it('walks a teacher’s own students and a municipality’s students', async () => {
    await expectSameWalk(c['skolotajs.s1'], '/api/students?sort=name', 2, 1);
    await expectSameWalk(c['koord.ziemelu'], '/api/students?sort=class&dir=desc', 199, 1000);
  });

  it('neither repeats nor skips a row when students are added between pages', async () => {
    const client = c['koord.s1'];
    const url = `${s1()}&sort=name`;
    const before = await byOffset(client, url);
    const first = (await client.get(`${url}&pageSize=100`)).json();
    const seen: string[] = first.items.map((s: Item) => s.id);
    const added: string[] = [];
    for (const [i, lastName] of [
      'Aaberga',
      'Žžuriņa',
      (first.items.at(-1) as { lastName: string }).lastName,
    ].entries()) {
      const res = await client.post('/api/students', {
        personalCode: makeOldPersonalCode(`2010-04-${String(i + 1).padStart(2, '0')}`, 872),
        firstName: 'Jauna',
        lastName,
        schoolId: schools['ZIEM-S1'],
        classLabel: '7.b',
        grade: 7,
      });
      added.push(res.json().id);
    }
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = (await client.get(`${url}&pageSize=100&cursor=${cursor}`)).json();
      seen.push(...page.items.map((s: Item) => s.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => !added.includes(id))).toEqual(before);
    expect(seen).toContain(added[1]);
    expect(seen).not.toContain(added[0]);
  });
});

describe('other lists by cursor', () => {
  it('walks users like the offset pages', async () => {
    await expectSameWalk(c.admin, '/api/users', 3, 9);
    await expectSameWalk(c['koord.s1'], '/api/users', 1, 1);
  });

  it('walks plans and the approval queues like the offset pages', async () => {
    for (const who of ['admin', 'koord.s1', 'koord.ziemelu']) {
      const total = (await c[who].get('/api/plans?pageSize=1')).json().total as number;
      await expectSameWalk(c[who], '/api/plans', Math.max(1, Math.floor(total / 3)), 0);
    }
    for (const who of ['direktors.s1', 'koord.ziemelu', 'eksperts']) {
      const total = (await c[who].get('/api/approvals?pageSize=1')).json().total as number;
      await expectSameWalk(c[who], '/api/approvals', Math.max(1, Math.floor(total / 2)), 0);
    }
  });

  it('keeps the total of the whole list on a page after a cursor', async () => {
    const first = (await c.admin.get('/api/plans?pageSize=1')).json();
    if (!first.nextCursor) return;
    const second = (await c.admin.get(`/api/plans?pageSize=1&cursor=${first.nextCursor}`)).json();
    expect(second.total).toBe(first.total);
  });

  it('walks the watch list (computed order) like the offset pages', async () => {
    for (const who of ['koord.s1', 'koord.ziemelu']) {
      const total = (await c[who].get('/api/watch-list?pageSize=1')).json().total as number;
      await expectSameWalk(c[who], '/api/watch-list', Math.max(1, Math.floor(total / 4)), 1);
    }
  });

  it('walks the audit log newest first, unaffected by the audit rows the walk itself writes', async () => {
    await expectSameWalk(c.admin, '/api/audit?action=student.', 50, 10);
    await expectSameWalk(c['koord.s1'], '/api/audit?action=student.', 40, 10);
  });
});

describe('bad cursors', () => {
  const lists = [
    '/api/students',
    '/api/users',
    '/api/plans',
    '/api/approvals',
    '/api/audit',
    '/api/watch-list',
  ];
  const forged = [
    'garbage!',
    'x'.repeat(5000),
    Buffer.from('{"l":"students"').toString('base64url'),
    encodeCursor({ l: 'students', s: 'name', d: 'asc', k: ['A', 'B'], id: 'not-a-uuid' }),
    encodeCursor({
      l: 'students',
      s: 'name',
      d: 'asc',
      k: ['A'],
      id: '00000000-0000-4000-8000-000000000000',
    }),
    encodeCursor({
      l: 'students',
      s: 'name',
      d: 'asc',
      k: ['A\u0000', 'B'],
      id: '00000000-0000-4000-8000-000000000000',
    }),
    encodeCursor({
      l: 'plans',
      s: 'created',
      d: 'desc',
      k: ['2026-02-30 00:00:00+00'],
      id: '00000000-0000-4000-8000-000000000000',
    }),
    encodeCursor({ l: 'audit', s: 'newest', d: 'desc', k: [], id: '99999999999999999999' }),
  ];

  it('answers every forged, truncated, oversized or foreign cursor on every list with a 400 validation', async () => {
    for (const list of lists)
      for (const cursor of forged) {
        const res = await c.admin.get(`${list}?cursor=${encodeURIComponent(cursor)}`);
        expect(res.statusCode, `${list} ${cursor.slice(0, 40)}`).toBe(400);
        expect(res.json().error.code).toBe('validation');
        expect(res.json().error.details[0].path).toMatch(/cursor|page/);
      }
  });

  it('refuses page together with cursor, and a cursor of another sort, in Latvian and English', async () => {
    const next = (await c.admin.get('/api/students?pageSize=5')).json().nextCursor as string;
    const both = await c.admin.get(`/api/students?page=2&cursor=${next}`);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details.map((d: { path: string }) => d.path)).toContain('page');
    const other = await c.admin.get(`/api/students?sort=class&cursor=${next}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0].message).toMatch(/kārtojum/);
  });
});

describe('a cursor never widens the scope', () => {
  it('pages a cursor made from another school’s row within the caller’s school', async () => {
    const s2 = (await c['koord.s2'].get('/api/students?pageSize=10')).json();
    expect(s2.items[0].schoolId).not.toBe(schools['ZIEM-S1']);
    const res = await c['koord.s1'].get(`/api/students?pageSize=200&cursor=${s2.nextCursor}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThan(700);
    for (const s of res.json().items) expect(s.schoolId).toBe(schools['ZIEM-S1']);
  });

  it('moves only the start point when the values are tampered with', async () => {
    const next = decodeCursor((await c['koord.s1'].get('/api/students?pageSize=5')).json().nextCursor);
    expect(next).not.toBeNull();
    for (const k of [
      [' ', ' '],
      ['~~~~', '~~~~'],
      ["' or 1=1 --", ''],
    ]) {
      const cursor = encodeCursor({ ...(next as NonNullable<typeof next>), k });
      const res = await c['koord.s1'].get(`/api/students?pageSize=200&cursor=${cursor}`);
      expect(res.statusCode).toBe(200);
      for (const s of res.json().items) expect(s.schoolId).toBe(schools['ZIEM-S1']);
    }
    const teacher = await c['skolotajs.s1'].get(
      `/api/students?pageSize=200&cursor=${encodeCursor({ ...(next as NonNullable<typeof next>), k: [' ', ' '] })}`,
    );
    const own = await byOffset(c['skolotajs.s1'], '/api/students');
    for (const s of teacher.json().items) expect(own).toContain(s.id);
  });
});
