import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMyNote } from '../../../common/api/notes.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { loadActor } from '../../platform/sessions/index.ts';
import { findNoteChronologyEntries } from './index.ts';

let server: TestServer;
let cal: TestCalendar;
const c: Record<string, TestClient> = {};
/** Two school-1 students the psychologist and the teacher both work with (the demo assigns them). */
let studentId = '';
let otherStudentId = '';
/** A school-2 student. */
let s2StudentId = '';

const ACCOUNTS = [
  'psihologs.s1',
  'skolotajs.s1',
  'koord.s1',
  'direktors.s1',
  'koord.ziemelu',
  'koord.s2',
  'psihologs.s2',
  'socdienests.ziemelu',
  'auditors',
];

const notesUrl = (sid: string) => `/api/students/${sid}/notes`;
const noteUrl = (sid: string, nid: string) => `/api/students/${sid}/notes/${nid}`;

function note(visibility: string, text: string, extra: Record<string, unknown> = {}) {
  return { date: cal.today, type: 'conversation_student', visibility, text, ...extra };
}

async function write(who: string, sid: string, body: Record<string, unknown>): Promise<string> {
  const res = await c[who].post(notesUrl(sid), body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** The audit actions (action:outcome) a response's request wrote. */
async function auditOf(res: LightMyRequestResponse): Promise<string[]> {
  const rows = await server.database.read((db) =>
    queryRows<{ action: string; outcome: string }>(
      db,
      sql`select action, outcome from audit_events where request_id = ${String(res.headers['x-request-id'])} order by id`,
    ),
  );
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ACCOUNTS) c[who] = await server.signIn(who);
  const mine = (await c['psihologs.s1'].get('/api/students')).json().items as { id: string }[];
  const teachers = new Set(
    ((await c['skolotajs.s1'].get('/api/students')).json().items as { id: string }[]).map((s) => s.id),
  );
  const shared = mine.filter((s) => teachers.has(s.id));
  expect(shared.length).toBeGreaterThanOrEqual(2);
  [studentId, otherStudentId] = [shared[0].id, shared[1].id];
  s2StudentId = (await c['psihologs.s2'].get('/api/students')).json().items[0].id;
}, 120_000);
afterAll(async () => {
  await server.close();
  resetClock();
});

describe('a specialists-only note', () => {
  let noteId = '';
  const text = 'Saruna par mājas apstākļiem; skolēns stāsta par grūtībām.';
  beforeAll(async () => {
    noteId = await write('psihologs.s1', studentId, note('specialists', text));
  });

  it('is written with its first revision and audited', async () => {
    const res = await c['psihologs.s1'].get(noteUrl(studentId, noteId));
    expect(res.json()).toMatchObject({ visibility: 'specialists', restricted: true, text, revisions: 1 });
    const created = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where action = 'note.create' and entity_id = ${noteId}`,
      ),
    );
    expect(created[0].n).toBe(1);
  });

  it('shows in the teacher’s list as a restricted note without its text', async () => {
    const res = await c['skolotajs.s1'].get(notesUrl(studentId));
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((n: { id: string }) => n.id === noteId);
    expect(item).toMatchObject({ restricted: true, text: null, can: { read: false, edit: false } });
    expect(item.authorName).toBeTruthy();
    expect(res.body).not.toContain('mājas apstākļiem');
    expect(await auditOf(res)).toEqual(['note.list:ok']);
  });

  it('is redacted for the teacher in the single note and its revisions, audited as an ordinary read', async () => {
    const one = await c['skolotajs.s1'].get(noteUrl(studentId, noteId));
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: noteId, restricted: true, text: null, can: { read: false } });
    expect(await auditOf(one)).toEqual(['note.read:ok']);
    const revisions = await c['skolotajs.s1'].get(`${noteUrl(studentId, noteId)}/revisions`);
    expect(revisions.statusCode).toBe(200);
    expect(revisions.json().items.map((r: { text: string | null }) => r.text)).toEqual([null]);
    expect(revisions.body).not.toContain('mājas apstākļiem');
    expect(await auditOf(revisions)).toEqual(['note.revisions:ok']);
  });

  it('is redacted for the school coordinator and the director (not specialists)', async () => {
    for (const who of ['koord.s1', 'direktors.s1', 'koord.ziemelu']) {
      const res = await c[who].get(noteUrl(studentId, noteId));
      expect(res.statusCode, who).toBe(200);
      expect(res.json().text, who).toBeNull();
    }
  });

  it('is in the specialist’s list without text, and the single GET gives it, audited as a restricted read', async () => {
    const list = await c['psihologs.s1'].get(notesUrl(studentId));
    const item = list.json().items.find((n: { id: string }) => n.id === noteId);
    expect(item).toMatchObject({ restricted: true, text: null, can: { read: true, edit: true } });
    const one = await c['psihologs.s1'].get(noteUrl(studentId, noteId));
    expect(one.json().text).toBe(text);
    expect(await auditOf(one)).toEqual(['note.read_restricted:ok']);
    const revisions = await c['psihologs.s1'].get(`${noteUrl(studentId, noteId)}/revisions`);
    expect(revisions.json().items[0].text).toBe(text);
    expect(await auditOf(revisions)).toEqual(['note.revisions_restricted:ok']);
  });

  it('keeps every revision after two edits by the author; nobody else may edit', async () => {
    const second = { ...note('specialists', 'Otrā versija.'), type: 'meeting' };
    const third = { ...note('author', 'Trešā versija.'), date: addDays(cal.today, -1) };
    for (const who of ['skolotajs.s1', 'koord.s1', 'direktors.s1']) {
      const res = await c[who].request('PUT', noteUrl(studentId, noteId), second);
      expect(res.statusCode, who).toBe(403);
    }
    for (const body of [second, third]) {
      const res = await c['psihologs.s1'].request('PUT', noteUrl(studentId, noteId), body);
      expect(res.statusCode, res.body).toBe(200);
      expect(await auditOf(res)).toEqual(['note.update:ok']);
    }
    // The same note again is no new revision.
    await c['psihologs.s1'].request('PUT', noteUrl(studentId, noteId), third);
    const res = await c['psihologs.s1'].get(`${noteUrl(studentId, noteId)}/revisions`);
    expect(res.json().note).toMatchObject({
      revisions: 3,
      visibility: 'author',
      type: 'conversation_student',
    });
    expect(res.json().items).toMatchObject([
      { revision: 3, text: 'Trešā versija.', visibility: 'author', date: addDays(cal.today, -1) },
      { revision: 2, text: 'Otrā versija.', type: 'meeting', visibility: 'specialists' },
      { revision: 1, text, type: 'conversation_student', visibility: 'specialists' },
    ]);
    // Widened back to the team by the author: the teacher now reads it in the list.
    const widened = await c['psihologs.s1'].request(
      'PUT',
      noteUrl(studentId, noteId),
      note('team', 'Komandai redzama versija.'),
    );
    expect(widened.json().revisions).toBe(4);
    const list = await c['skolotajs.s1'].get(notesUrl(studentId));
    const item = list.json().items.find((n: { id: string }) => n.id === noteId);
    expect(item).toMatchObject({ restricted: false, text: 'Komandai redzama versija.' });
  });
});

describe('an author-only note', () => {
  it('is read by its author only: the coordinator, the director and another specialist get no text', async () => {
    const id = await write('psihologs.s1', otherStudentId, note('author', 'Tikai man.'));
    const mine = await c['psihologs.s1'].get(noteUrl(otherStudentId, id));
    expect(mine.json().text).toBe('Tikai man.');
    expect(await auditOf(mine)).toEqual(['note.read_restricted:ok']);
    for (const who of ['koord.s1', 'direktors.s1', 'skolotajs.s1', 'koord.ziemelu']) {
      const res = await c[who].get(noteUrl(otherStudentId, id));
      expect(res.statusCode, who).toBe(200);
      expect(res.json(), who).toMatchObject({ text: null, restricted: true, visibility: 'author' });
      expect((await c[who].get(`${noteUrl(otherStudentId, id)}/revisions`)).body, who).not.toContain(
        'Tikai man',
      );
    }
  });

  it('written by the coordinator is not readable by the psychologist', async () => {
    const id = await write('koord.s1', otherStudentId, note('author', 'Koordinatores piezīme.'));
    expect((await c['psihologs.s1'].get(noteUrl(otherStudentId, id))).json().text).toBeNull();
    expect((await c['koord.s1'].get(noteUrl(otherStudentId, id))).json().text).toBe('Koordinatores piezīme.');
  });
});

describe('a team note', () => {
  it('shows its text in the list to everyone who sees the student', async () => {
    const id = await write('skolotajs.s1', otherStudentId, note('team', 'Kavē pirmās stundas.'));
    for (const who of ['psihologs.s1', 'koord.s1', 'direktors.s1', 'koord.ziemelu']) {
      const item = (await c[who].get(notesUrl(otherStudentId)))
        .json()
        .items.find((n: { id: string }) => n.id === id);
      expect(item, who).toMatchObject({ restricted: false, text: 'Kavē pirmās stundas.' });
    }
  });
});

describe('out of scope', () => {
  let noteId = '';
  beforeAll(async () => {
    noteId = await write('psihologs.s1', studentId, note('team', 'Skolas 1 piezīme.'));
  });

  it('is a 404 for another school, audited as denied', async () => {
    for (const url of [
      notesUrl(studentId),
      noteUrl(studentId, noteId),
      `${noteUrl(studentId, noteId)}/revisions`,
    ]) {
      const res = await c['koord.s2'].get(url);
      expect(res.statusCode, url).toBe(404);
      expect(
        (await auditOf(res)).some((a) => a.endsWith(':denied')),
        url,
      ).toBe(true);
    }
    expect((await c['koord.s2'].post(notesUrl(studentId), note('team', 'x'))).statusCode).toBe(404);
    expect(
      (await c['koord.s2'].request('PUT', noteUrl(studentId, noteId), note('team', 'x'))).statusCode,
    ).toBe(404);
    // The psychologist of school 2 sees no school-1 student either.
    expect((await c['psihologs.s2'].get(noteUrl(studentId, noteId))).statusCode).toBe(404);
  });

  it('is a 404 for a note asked for under another student', async () => {
    const res = await c['psihologs.s1'].get(noteUrl(otherStudentId, noteId));
    expect(res.statusCode).toBe(404);
    const s2 = await c['psihologs.s2'].get(noteUrl(s2StudentId, noteId));
    expect(s2.statusCode).toBe(404);
  });

  it('is a 404 for partners and the auditor, on every note route', async () => {
    for (const who of ['socdienests.ziemelu', 'auditors']) {
      for (const url of [
        notesUrl(studentId),
        noteUrl(studentId, noteId),
        `${noteUrl(studentId, noteId)}/revisions`,
      ])
        expect((await c[who].get(url)).statusCode, `${who} ${url}`).toBe(404);
      expect((await c[who].post(notesUrl(studentId), note('team', 'x'))).statusCode, who).toBe(404);
      expect(
        (await c[who].request('PUT', noteUrl(studentId, noteId), note('team', 'x'))).statusCode,
        who,
      ).toBe(404);
      expect((await c[who].get('/api/notes/mine')).statusCode, who).toBe(403);
    }
  });
});

describe('bad input and double submits', () => {
  it('refuses a future date, control characters, an empty or over-long text and an unknown type', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [note('team', 'x', { date: addDays(cal.today, 1) }), 'date', 'date_in_future'],
      [note('team', 'a\u0000b'), 'text', ''],
      [note('team', '   '), 'text', ''],
      [note('team', 'x'.repeat(5001)), 'text', ''],
      [note('team', 'x', { type: 'gossip' }), 'type', ''],
      [note('everyone', 'x'), 'visibility', ''],
    ];
    for (const [body, path, code] of cases) {
      const res = await c['psihologs.s1'].post(notesUrl(studentId), body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      const details = res.json().error.details as { path: string; message: string }[];
      expect(details.map((d) => d.path)).toContain(path);
      if (code) expect(res.json().error.code === code || details.some((d) => d.message)).toBe(true);
    }
  });

  it('creates one note for a double submit with the same idempotency key', async () => {
    const before = (await c['psihologs.s1'].get(notesUrl(otherStudentId))).json().items.length;
    const body = note('team', 'Viena piezīme, divi klikšķi.');
    const headers = { 'idempotency-key': 'notes-double-click-1' };
    const [a, b] = await Promise.all([
      c['psihologs.s1'].request('POST', notesUrl(otherStudentId), body, { headers }),
      c['psihologs.s1'].request('POST', notesUrl(otherStudentId), body, { headers }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const after = (await c['psihologs.s1'].get(notesUrl(otherStudentId))).json().items.length;
    expect(after).toBe(before + 1);
  });
});

describe('the start page', () => {
  it('lists the psychologist’s own latest notes without their text, audited', async () => {
    expect((await c['psihologs.s1'].get('/api/me')).json().can.myNotes).toBe(true);
    expect((await c['skolotajs.s1'].get('/api/me')).json().can.myNotes).toBe(false);
    const res = await c['psihologs.s1'].get('/api/notes/mine');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as TMyNote[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(10);
    expect(items.every((i) => i.studentName)).toBe(true);
    expect(items.map((i) => i.studentId)).toContain(studentId);
    expect(res.body).not.toContain('Tikai man');
    expect(await auditOf(res)).toEqual(['note.mine:ok']);
    // The teacher's own notes only (the one written above, and the demo's).
    const teacher = (await c['skolotajs.s1'].get('/api/notes/mine')).json().items as TMyNote[];
    const psychologists = new Set(items.map((i) => i.id));
    expect(teacher.map((i) => i.studentId)).toContain(otherStudentId);
    expect(teacher.some((i) => psychologists.has(i.id))).toBe(false);
  });
});

describe('the chronology reader', () => {
  async function actorOf(account: string) {
    const id = (await c['koord.ziemelu'].get(`/api/users?q=${account}`)).json().items[0].id;
    const actor = await server.database.read((db) => loadActor(db, id));
    if (!actor) throw new Error(`no actor ${account}`);
    return actor;
  }
  const ctxFor = (actor: Awaited<ReturnType<typeof actorOf>>, requestId: string) => ({
    actor,
    requestId,
    ip: null,
    language: 'lv' as const,
  });
  const audited = (requestId: string) =>
    server.database.read((db) =>
      queryRows<{ action: string; entity_id: string }>(
        db,
        sql`select action, entity_id from audit_events where request_id = ${requestId} order by id`,
      ),
    );

  it('shows that a restricted note exists without its text to the teacher, and audits nothing for it', async () => {
    const sid = s2StudentId;
    const restricted = await write('psihologs.s2', sid, note('specialists', 'Hronoloģijā slēpts teksts.'));
    const team = await write(
      'psihologs.s2',
      sid,
      note('team', 'Hronoloģijā redzams teksts.', { type: 'meeting' }),
    );
    const teacher = await actorOf('skolotajs.s2');
    const entries = await server.database.withTx((tx) =>
      findNoteChronologyEntries(tx, teacher, sid, ctxFor(teacher, 'chrono-teacher')),
    );
    const r = entries.find((e) => e.id === restricted);
    expect(r).toMatchObject({
      type: 'note',
      event: 'note.conversation_student',
      text: null,
      link: { kind: 'note', id: restricted },
      params: { restricted: 1, visibility: 'specialists', date: cal.today, revisions: 1 },
    });
    expect(r?.at).toBe(`${cal.today}T00:00:00.000Z`);
    expect(entries.find((e) => e.id === team)).toMatchObject({
      event: 'note.meeting',
      text: 'Hronoloģijā redzams teksts.',
      params: { restricted: 0 },
    });
    expect(await audited('chrono-teacher')).toEqual([]);

    const specialist = await actorOf('psihologs.s2');
    const own = await server.database.withTx((tx) =>
      findNoteChronologyEntries(tx, specialist, sid, ctxFor(specialist, 'chrono-specialist')),
    );
    expect(own.find((e) => e.id === restricted)).toMatchObject({
      text: 'Hronoloģijā slēpts teksts.',
      params: { restricted: 0, visibility: 'specialists' },
    });
    expect(await audited('chrono-specialist')).toEqual([
      { action: 'note.chronology_restricted', entity_id: restricted },
    ]);
  });

  it('is a 404 for a reader who does not see the student (another school, a partner)', async () => {
    for (const account of ['koord.s1', 'socdienests.ziemelu']) {
      const actor = await actorOf(account);
      await expect(
        server.database.withTx((tx) => findNoteChronologyEntries(tx, actor, s2StudentId)),
        account,
      ).rejects.toMatchObject({ status: 404 });
    }
  });
});
