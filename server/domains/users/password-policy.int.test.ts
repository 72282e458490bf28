import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { type Database, openPglite, queryRows } from '../../platform/db.ts';

let server: TestServer;
let koordS1: TestClient;
beforeAll(async () => {
  server = await createTestServer();
  koordS1 = await server.signIn('koord.s1');
});
afterAll(() => server.close());

async function schoolId(code: string): Promise<string> {
  const admin = await server.signIn('admin');
  const res = await admin.get('/api/organisations');
  return res.json().items.find((o: { code: string }) => o.code === code).id;
}

describe('common and breached passwords are refused wherever a password is set', () => {
  it('refuses a new user with a breached password with 400 password_too_common, in Latvian', async () => {
    const res = await koordS1.post('/api/users', {
      email: 'vaja.parole@demo.pumpurs.lv',
      firstName: 'Vāja',
      lastName: 'Parole',
      homeOrganisationId: await schoolId('ZIEM-S1'),
      password: 'password1234',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('password_too_common');
    expect(res.json().error.message).toContain('nopludinātu paroļu');
    expect(res.json().error.details[0].path).toBe('password');
  });

  it("refuses a new password made of the user's own name", async () => {
    const users = await koordS1.get('/api/users?q=skolotajs.s1');
    const teacher = users.json().items[0] as { id: string; firstName: string; lastName: string };
    const res = await koordS1.patch(`/api/users/${teacher.id}`, {
      password: `${teacher.firstName}${teacher.lastName}2026`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('password_too_common');
    expect(res.json().error.details[0].path).toBe('password');
    // The old (demo) password still signs in: nothing was changed.
    expect((await server.client('10.70.0.1').login('skolotajs.s1@demo.pumpurs.lv')).statusCode).toBe(200);
  });

  it('still signs in demo accounts whose password would be refused if set today', async () => {
    expect((await server.client('10.70.0.2').login('direktors.s1@demo.pumpurs.lv')).statusCode).toBe(200);
  });
});

describe('create-admin on the command line', () => {
  let testDb: TestDatabase;
  let reopened: Database | null = null;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    if (reopened && reopened !== testDb.database) {
      await reopened.close();
      rmSync(testDb.env.PUMPURS_DATA_DIR, { recursive: true, force: true });
    } else await testDb.drop();
  });

  function createAdmin(email: string, password: string): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'server/cli.ts', 'create-admin', email, 'Jānis', 'Bērziņš'],
        {
          env: { ...process.env, ...testDb.env, PUMPURS_ADMIN_PASSWORD: password, LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
      });
      child.stderr.on('data', (c: Buffer) => {
        output += c.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, output }));
    });
  }

  it('refuses a breached password and creates nobody, then accepts a strong one', async () => {
    const pglite = Boolean(testDb.env.PUMPURS_DATA_DIR);
    // PGlite is one process's database: hand the folder to the command.
    if (pglite) await testDb.database.close();
    const weak = await createAdmin('admin2@demo.pumpurs.lv', 'qwertyuiop123');
    expect(weak.code).toBe(2);
    expect(weak.output).toContain('leaked passwords');
    const strong = await createAdmin('admin3@demo.pumpurs.lv', 'zils-kalns-saulaina-diena-7');
    expect(strong.code, strong.output).toBe(0);
    reopened = pglite ? await openPglite(testDb.env.PUMPURS_DATA_DIR) : testDb.database;
    const rows = await reopened.read((db) =>
      queryRows<{ email: string }>(
        db,
        sql`select email from users where email like 'admin_@demo.pumpurs.lv'`,
      ),
    );
    expect(rows.map((r) => r.email)).toEqual(['admin3@demo.pumpurs.lv']);
  });
});
