import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../server/platform/clock.ts';
import { addDays } from '../server/platform/dates.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

/**
 * A student with a note, a referral and a task at school 1 moves to school 2. The old school no
 * longer reaches the student through any of the issue-12 routes; the new school does not read the
 * old school's restricted note or its text through the notes or the chronology.
 */
let server: TestServer;
const c: Record<string, TestClient> = {};
let studentId: string;
const NOTE_TEXT = 'Pirms pārcelšanās: saruna ar māti par kavējumiem.';
const ACCOUNTS = ['admin', 'koord.s1', 'koord.s2', 'psihologs.s1'];

beforeAll(async () => {
  server = await createTestServer();
  for (const who of ACCOUNTS) c[who] = await server.signIn(who);
  const orgs = (await c.admin.get('/api/organisations')).json().items as {
    id: string;
    code: string;
    type: string;
    name: string;
  }[];
  const school2 = orgs.find((o) => o.code === 'ZIEM-S2');
  const partner = orgs.find((o) => o.type === 'partner' && /Sociālais/.test(o.name));
  if (!school2 || !partner) throw new Error('demo organisations missing');
  // A student of school 1 without a running plan (a move ends plans; not the point here).
  const students = (await c['koord.s1'].get('/api/students?pageSize=50')).json().items as { id: string }[];
  studentId = students[students.length - 1].id;
  const note = await c['koord.s1'].post(`/api/students/${studentId}/notes`, {
    date: today(),
    type: 'conversation_guardian',
    visibility: 'author',
    text: NOTE_TEXT,
  });
  expect(note.statusCode, note.body).toBe(201);
  const referral = await c['koord.s1'].post(`/api/students/${studentId}/referrals`, {
    partnerId: partner.id,
    reason: 'Lūdzam izvērtēt ģimenes situāciju.',
    items: ['name'],
    urgency: 'normal',
    dueOn: addDays(today(), 14),
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const task = await c['koord.s1'].post('/api/tasks', {
    title: 'Pārrunāt ar klases audzinātāju',
    dueOn: today(),
    studentId,
  });
  expect(task.statusCode, task.body).toBe(201);
  const moved = await c['koord.s1'].post(`/api/students/${studentId}/move`, {
    toSchoolId: school2.id,
    movedOn: today(),
    classLabel: '8.b',
    grade: 8,
    reason: 'Ģimene pārcēlās',
  });
  expect(moved.statusCode, moved.body).toBe(200);
});
afterAll(() => server.close());

describe('a student who moved, after notes, a referral and a task at the old school', () => {
  it('is a 404 for the old school on the notes, referrals, chronology (and its PDF) and tasks of the student', async () => {
    for (const path of ['notes', 'referrals', 'chronology', 'chronology.pdf', 'tasks']) {
      const res = await c['koord.s1'].get(`/api/students/${studentId}/${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.body).not.toContain(NOTE_TEXT);
    }
  });

  it("does not give the new school the old school's author-only note text, in the notes or the chronology", async () => {
    for (const path of ['notes', 'chronology']) {
      const res = await c['koord.s2'].get(`/api/students/${studentId}/${path}`);
      expect([200, 404], path).toContain(res.statusCode);
      expect(res.body, path).not.toContain(NOTE_TEXT);
    }
  });
});
