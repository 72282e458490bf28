import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../common/roles.ts';
import { buildMatrixWorld, type MatrixWorld } from './authz-matrix/fixture.ts';
import { MATRIX } from './authz-matrix/matrix.ts';
import { type CaseResult, casesOf, forbiddenFor, runCase } from './authz-matrix/walk.ts';
import { resetClock } from './calendar.ts';
import { createTestServer, type TestServer } from './server.ts';

/**
 * The authorization matrix (issue 16): every /api route × every role × every relation of the target
 * record (own, sibling school, other municipality, state vocational school, moved student's former
 * school). See test/authz-matrix/matrix.ts for how to add a route.
 */
let server: TestServer;
let world: MatrixWorld;
const results: CaseResult[] = [];

beforeAll(async () => {
  server = await createTestServer();
  world = await buildMatrixWorld(server);
}, 300_000);
afterAll(async () => {
  resetClock();
  await server?.close();
});

const routeKeys = () =>
  server.app.routeTable.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
/** `MATRIX_ROUTES=<regex>` walks only the routes it matches (while working on an entry). */
const only = process.env.MATRIX_ROUTES ? new RegExp(process.env.MATRIX_ROUTES) : null;
const walked = (key: string) => !only || only.test(key);

describe('authorization matrix', () => {
  it('has an entry for every route and no entry for a route that does not exist', () => {
    const keys = new Set(routeKeys());
    expect(
      [...keys].filter((k) => !MATRIX[k]),
      'routes without a matrix entry',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !keys.has(k)),
      'entries naming no route',
    ).toEqual([]);
  });

  const walk = (writes: boolean) => async () => {
    const routes = routeKeys()
      .filter((k) => MATRIX[k] && walked(k) && k.startsWith('GET ') !== writes)
      .sort((a, b) => (MATRIX[a].order ?? 0) - (MATRIX[b].order ?? 0));
    const forbidden = Object.fromEntries(ROLES.map((r) => [r, forbiddenFor(world, r)]));
    let expectedCases = 0;
    const before = results.length;
    for (const key of routes) {
      const entry = MATRIX[key];
      const cases = casesOf(entry, ROLES);
      expectedCases += cases.length;
      const run = (c: (typeof cases)[number]) =>
        runCase(server, world, key, entry, c.role, c.relation, forbidden[c.role]);
      // Reads change nothing: a route's cases go together; writes one at a time, in order.
      if (writes) for (const c of cases) results.push(await run(c));
      else results.push(...(await Promise.all(cases.map(run))));
    }
    const mine = results.slice(before);
    expect(mine.length).toBe(expectedCases);
    if (process.env.MATRIX_DUMP)
      writeFileSync(process.env.MATRIX_DUMP + (writes ? '.w' : '.r'), JSON.stringify(mine));
    const failures = mine
      .filter((r) => r.problems.length)
      .map((r) => `${r.route} as ${r.role} on ${r.relation}: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
  };

  it(
    'answers every read as the matrix says, shows nothing of the other side and audits it',
    walk(false),
    600_000,
  );
  it(
    'answers every write as the matrix says, shows nothing of the other side and audits it',
    walk(true),
    600_000,
  );

  it('walked the product of routes, roles and relations', () => {
    const routes = new Set(results.map((r) => r.route)).size;
    const expected = Object.entries(MATRIX)
      .filter(([k]) => walked(k))
      .reduce((n, [, e]) => n + casesOf(e, ROLES).length, 0);
    expect(results.length).toBe(expected);
    console.log(`authorization matrix: ${results.length} cases over ${routes} routes`);
  });
});
