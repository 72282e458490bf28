import type { TestClient, TestServer } from '../server.ts';

/** The password of the accounts the matrix creates (the demo's is refused as too common). */
export const MATRIX_PASSWORD = 'Matricas-Parole-Zils-Ezers-41';
let ip = 1;

/**
 * Signs a matrix user in. The one place the matrix signs in. Every client is past its second factor
 * and stepped up (test/second-factor.ts marks the session in the database), so the matrix checks
 * scope and roles of bulk exports, code reveals and permission changes, not the step-up dialog (the
 * second-factor tests check that).
 */
export async function signInForMatrix(server: TestServer, account: string): Promise<TestClient> {
  if (!account.startsWith('matrix.')) return server.signIn(account);
  const client = server.client(`10.77.0.${ip++}`);
  const res = await client.login(`${account}@demo.pumpurs.lv`, MATRIX_PASSWORD);
  if (res.statusCode !== 200) throw new Error(`sign-in as ${account} failed: ${res.statusCode} ${res.body}`);
  await client.passSecondFactor({ stepUp: true });
  return client;
}
