import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveClockIntoSemester, resetClock } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
let admin: TestClient;
let teacherId: string;

beforeAll(async () => {
  server = await createTestServer();
  await moveClockIntoSemester(server.database);
  admin = await server.signIn('admin');
  teacherId = (await admin.get('/api/users?q=skolotajs.s1')).json().items[0].id;
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('payroll identifiers of a user', () => {
  it('are set, shown and cleared by an administrator', async () => {
    const set = await admin.patch(`/api/users/${teacherId}`, { employeeId: 'P-17/2', position: 'Pedagogs' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ employeeId: 'P-17/2', position: 'Pedagogs' });
    const cleared = await admin.patch(`/api/users/${teacherId}`, { employeeId: null, position: null });
    expect(cleared.json()).toMatchObject({ employeeId: null, position: null });
  });

  it.each([
    ['a formula', { employeeId: '=1+1' }],
    ['a space', { employeeId: 'P 17' }],
    ['too long', { employeeId: 'x'.repeat(41) }],
    ['a control character', { position: 'Pedagogs\u0007' }],
    ['empty', { position: '' }],
  ])('refuses %s with 400', async (_what, body) => {
    const res = await admin.patch(`/api/users/${teacherId}`, body);
    expect(res.statusCode, res.body).toBe(400);
  });
});
