import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

/** /api/me's report abilities for a demo account. */
async function reportAbilities(account: string) {
  const me = (await (await server.signIn(account)).get('/api/me')).json();
  return { view: me.can.viewReports, refresh: me.can.refreshReports };
}

describe("the dashboards' navigation follows the report policy", () => {
  it('offers the reports to every report role and the refresh to the managers', async () => {
    expect(await reportAbilities('admin')).toEqual({ view: true, refresh: true });
    expect(await reportAbilities('eksperts')).toEqual({ view: true, refresh: false });
    expect(await reportAbilities('koord.ziemelu')).toEqual({ view: true, refresh: true });
    expect(await reportAbilities('direktors.s1')).toEqual({ view: true, refresh: true });
    expect(await reportAbilities('koord.s1')).toEqual({ view: true, refresh: true });
  });

  it('offers the auditor the reports but no refresh, and a teacher neither', async () => {
    expect(await reportAbilities('auditors')).toEqual({ view: true, refresh: false });
    expect(await reportAbilities('skolotajs.s1')).toEqual({ view: false, refresh: false });
  });
});
