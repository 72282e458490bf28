import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock } from './calendar.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

let server: TestServer;
let koord: TestClient;
let admin: TestClient;
let semesterId: string;

beforeAll(async () => {
  server = await createTestServer();
  semesterId = (await moveClockIntoSemester(server.database)).current.id;
  koord = await server.signIn('koord.s1');
  admin = await server.signIn('admin');
});
afterAll(() => {
  resetClock();
  return server.close();
});

/** A list's first page with `filters`, then its cursor replayed with `other` filters. */
async function replay(client: TestClient, list: string, filters: string, other: string) {
  const first = await client.get(`${list}?pageSize=2${filters}`);
  expect(first.statusCode, first.body).toBe(200);
  const cursor = first.json().nextCursor as string;
  expect(cursor, `${list} has a second page`).toBeTruthy();
  const same = await client.get(`${list}?pageSize=2${filters}&cursor=${cursor}`);
  const changed = await client.get(`${list}?pageSize=2${other}&cursor=${cursor}`);
  return { same, changed };
}

describe('a keyset cursor stays bound to the filters it was made with', () => {
  const cases: [string, () => TestClient, string, string][] = [
    ['/api/students', () => koord, '&status=enrolled', '&status=enrolled&grade=9'],
    ['/api/watch-list', () => koord, `&semesterId=${'SEM'}`, `&semesterId=${'SEM'}&onlyUnassessed=true`],
    ['/api/plans', () => koord, '', '&status=draft'],
    ['/api/users', () => admin, '', '&q=koord'],
    ['/api/audit', () => admin, '', '&action=watch_list.read'],
  ];
  for (const [list, who, filters, other] of cases)
    it(`${list}: same filters go on, other filters are a 400 naming the cursor`, async () => {
      const f = filters.replace('SEM', semesterId);
      const o = other.replace('SEM', semesterId);
      const { same, changed } = await replay(who(), list, f, o);
      expect(same.statusCode, same.body).toBe(200);
      expect(changed.statusCode, changed.body).toBe(400);
      expect(changed.body).toMatch(/cursor/);
      expect(changed.body).toMatch(/filtr|filter/i);
    });
});
