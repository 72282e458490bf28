import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SUBJECT_EXPORT_SCHEMA,
  SUBJECT_SECTION_KEYS,
  type TSubjectExport,
  ZSubjectExport,
} from '../../../common/api/subject-access.ts';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode, type PlanFixture } from '../../../test/factories.ts';
import { pdfPageToPng, pdfText } from '../../../test/pdf.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { SUBJECT_EXPORT_COVERAGE } from './repo.ts';

/**
 * The data-subject export of a student with a running plan, a session shared with a classmate, a
 * case note, a referral to a partner, a letter, a task and a PIN: everything is in it (with whom it
 * was shared), nothing of the classmate is, the scope and role matrix of the route, the audit row, the
 * PDF in Latvian and English, and every table that refers to a student is covered by the export.
 */
let server: TestServer;
const rowsOf = <T>(query: SQL) => server.database.read((db) => queryRows<T>(db, query));
const c: Record<string, TestClient> = {};
let cal: TestCalendar;
let a: PlanFixture;
let b: PlanFixture;
let codeA = '';
let codeB = '';
let partnerName = '';
const NOTE_TEXT = 'Saruna ar māti par mācību motivāciju — ļoti svarīgi.';
const REFERRAL_REASON = 'Lūdzam izvērtēt ģimenes atbalsta vajadzības.';
const GROUP_TOPIC = 'Grupas tēma ar klasesbiedra vārdu KANĀRIJS-TĒMA';
const CANARY = 'Kanārijs';
const CANARY_NOTE = 'KANĀRIJS-PIEZĪME par klasesbiedru';
const ACCOUNTS = [
  'admin',
  'koord.ziemelu',
  'koord.dienvidu',
  'direktors.s1',
  'koord.s1',
  'koord.s2',
  'eksperts',
  'skolotajs.s1',
  'auditors',
  'socdienests.ziemelu',
];

async function exportJson(who: string, studentId = a.studentId): Promise<TSubjectExport> {
  const res = await c[who].get(`/api/students/${studentId}/subject-export?format=json`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-disposition']).toMatch(
    /^attachment; filename\*=UTF-8''subject-export-.*\.json$/,
  );
  return ZSubjectExport.parse(res.json());
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ACCOUNTS) c[who] = await server.signIn(who);
  const orgs = await organisationIdsByCode(c.admin);
  const teacherId = (await c.admin.get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const year = Number(cal.today.slice(0, 4));
  const fixture = (firstName: string, lastName: string, personalCode: string) =>
    createPlanFixture(c, {
      schoolId: orgs['ZIEM-S1'],
      semesterId: cal.current.id,
      personalCode,
      firstName,
      lastName,
      classLabel: '7.a',
      grade: 7,
      riskCode: 'L02',
      riskJustification: `Grūtības matemātikā (${lastName})`,
      goal: 'Uzlabot matemātikas vērtējumu',
      measure: {
        kind: 'consultation',
        consultationType: 'subject',
        subject: 'Matemātika',
        providerId: teacherId,
        plannedHours: 8,
        justification: 'Individuālas konsultācijas',
      },
      start: true,
    });
  codeA = makeOldPersonalCode(`${year - 13}-04-17`, 512);
  codeB = makeOldPersonalCode(`${year - 13}-09-02`, 733);
  a = await fixture('Ērika', 'Izrakstīte', codeA);
  b = await fixture('Žanis', CANARY, codeB);
  const k = c['koord.s1'];
  // The classmate's own records, which must never reach the first student's export.
  expect(
    (
      await k.post(`/api/students/${b.studentId}/notes`, {
        date: cal.today,
        type: 'conversation_guardian',
        visibility: 'team',
        text: CANARY_NOTE,
      })
    ).statusCode,
  ).toBe(201);
  // A group session of both: the first student's export lists only the first student, without the topic.
  const session = await c['skolotajs.s1'].post('/api/support/sessions', {
    onDate: cal.today,
    startTime: '09:00',
    minutes: 40,
    mode: 'in_person',
    topic: GROUP_TOPIC,
    participants: [
      { planId: a.planId, measureId: a.measureId, studentId: a.studentId },
      { planId: b.planId, measureId: b.measureId, studentId: b.studentId },
    ],
  });
  expect(session.statusCode, session.body).toBe(201);
  const note = await k.post(`/api/students/${a.studentId}/notes`, {
    date: cal.today,
    type: 'conversation_guardian',
    visibility: 'team',
    text: NOTE_TEXT,
  });
  expect(note.statusCode, note.body).toBe(201);
  const all = (await c.admin.get('/api/organisations')).json().items as {
    id: string;
    type: string;
    name: string;
  }[];
  const partner = all.find((o) => o.type === 'partner' && /Sociālais/.test(o.name));
  if (!partner) throw new Error('demo partner missing');
  partnerName = partner.name;
  const referral = await k.post(`/api/students/${a.studentId}/referrals`, {
    partnerId: partner.id,
    reason: REFERRAL_REASON,
    items: ['name'],
    urgency: 'normal',
    dueOn: addDays(cal.today, 14),
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const guardianId = (await k.get(`/api/students/${a.studentId}`)).json().guardians[0].id;
  const letter = await k.post(`/api/students/${a.studentId}/letters`, {
    kind: 'plan_summary',
    language: 'lv',
    guardianId,
    method: 'printed',
    planId: a.planId,
  });
  expect(letter.statusCode, letter.body).toBe(201);
  const task = await k.post('/api/tasks', {
    title: 'Pārrunāt ar klases audzinātāju',
    dueOn: cal.today,
    studentId: a.studentId,
  });
  expect(task.statusCode, task.body).toBe(201);
  const pin = await k.request('PUT', `/api/students/${a.studentId}/pin`, { pin: '482913' });
  expect(pin.statusCode, pin.body).toBeLessThan(300);
}, 180_000);

afterAll(() => {
  resetClock();
  return server.close();
});

describe('the data-subject export', () => {
  it('covers every table that refers to a student (by a student_id column or a chain of foreign keys)', async () => {
    const rows = await rowsOf<{ t: string }>(
      sql`with recursive fk as (
            select cl.relname as child, pl.relname as parent
            from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_class pl on pl.oid = k.confrelid
              join pg_namespace n on n.oid = cl.relnamespace
            where k.contype = 'f' and n.nspname = 'public'),
          reach(t) as (select 'students'::name union select fk.child from fk join reach on fk.parent = reach.t)
          select t::text as t from reach
          union select table_name::text from information_schema.columns
            where table_schema = 'public' and column_name = 'student_id'
          order by 1`,
    );
    const tables = rows.map((r) => r.t);
    expect(tables.length).toBeGreaterThan(30);
    const missing = tables.filter((t) => !(t in SUBJECT_EXPORT_COVERAGE));
    expect(missing, 'tables holding student data that the export leaves out: add them to repo.ts').toEqual(
      [],
    );
    // No stale entries, and every entry names a section of the published document.
    expect(Object.keys(SUBJECT_EXPORT_COVERAGE).filter((t) => !tables.includes(t))).toEqual([]);
    for (const section of Object.values(SUBJECT_EXPORT_COVERAGE))
      expect(SUBJECT_SECTION_KEYS).toContain(section);
  });

  it('holds the record, the plan with its versions, the session, the note, the referral and its recipient, the letter', async () => {
    const doc = await exportJson('koord.s1');
    expect(doc.schema).toBe(SUBJECT_EXPORT_SCHEMA);
    expect(doc.version).toBe(1);
    expect(doc.truncated).toEqual([]);
    const s = doc.sections;
    expect(s.student).toHaveLength(1);
    expect(s.student[0]).toMatchObject({
      id: a.studentId,
      personalCode: codeA,
      firstName: 'Ērika',
      lastName: 'Izrakstīte',
    });
    expect(s.guardians.map((g) => g.lastName)).toEqual(['Izrakstīte']);
    expect(s.applications).toHaveLength(1);
    expect(s.risks.map((r) => r.code)).toContain('L02');
    expect(s.plans).toHaveLength(1);
    expect(s.plans[0].status).toBe('in_progress');
    const code = s.plans[0].code;
    expect(s.planVersions.length).toBeGreaterThan(0);
    expect(s.planVersions.every((v) => v.planCode === code && v.content)).toBe(true);
    expect(s.planGoals.map((g) => g.text)).toEqual(['Uzlabot matemātikas vērtējumu']);
    expect(s.planMeasures[0]).toMatchObject({ kind: 'consultation', subject: 'Matemātika', plannedHours: 8 });
    expect(s.planMeasures[0].providers).toHaveLength(1);
    const actions = s.planEvents.map((e) => e.action);
    for (const x of ['create', 'submit', 'approve', 'start']) expect(actions).toContain(x);
    expect(s.planEvents.filter((e) => e.action === 'approve')).toHaveLength(3);
    expect(s.supportSessions).toHaveLength(1);
    expect(s.supportSessions[0]).toMatchObject({
      minutes: 40,
      groupSession: true,
      topic: null,
      planCode: code,
    });
    expect(s.caseNotes.map((n) => n.text)).toEqual([NOTE_TEXT]);
    expect(s.referrals).toHaveLength(1);
    expect(s.referrals[0]).toMatchObject({ reason: REFERRAL_REASON, partner: partnerName, items: ['name'] });
    expect(s.referrals[0].sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(s.referralEvents.length).toBeGreaterThan(0);
    expect(s.letters).toHaveLength(1);
    expect(s.letters[0]).toMatchObject({
      kind: 'plan_summary',
      method: 'printed',
      recipient: 'Māte Izrakstīte',
      planCode: code,
    });
    expect(s.files.map((f) => f.usedFor)).toContain('letter');
    expect(s.tasks.map((t) => t.title)).toContain('Pārrunāt ar klases audzinātāju');
    expect(s.pin).toHaveLength(1);
    expect(s.pin[0].setAt).toMatch(/^\d{4}-/);
    expect(s.auditTrail.length).toBeGreaterThan(5);
    expect(s.auditTrail.some((e) => e.action === 'note.create' || e.entityType === 'note')).toBe(true);
    expect(s.auditTrail.every((e) => e.actorRoles === null || e.actorRoles.length > 0)).toBe(true);
    expect(doc.requestedBy.roles).toContain('school_coordinator');
  });

  it('carries no secret and nothing of a classmate, not even from the session they shared', async () => {
    const res = await c['koord.s1'].get(`/api/students/${a.studentId}/subject-export`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    for (const leak of [b.studentId, b.planId, codeB, CANARY, CANARY_NOTE, GROUP_TOPIC, 'KANĀRIJS'])
      expect(body, leak).not.toContain(leak);
    for (const secret of ['pin_hash', 'pinHash', 'password', 'token_hash', '482913', '$argon2'])
      expect(body, secret).not.toContain(secret);
  });

  it('is allowed to the national admin, the municipality and the school managers; 403 to those who only see; 404 outside', async () => {
    const status = async (who: string, id = a.studentId, q = 'format=json') =>
      (await c[who].get(`/api/students/${id}/subject-export?${q}`)).statusCode;
    for (const who of ['admin', 'koord.ziemelu', 'direktors.s1', 'koord.s1'])
      expect(await status(who), who).toBe(200);
    // The expert and the teacher who gives the plan's consultations see the student, may not export.
    for (const who of ['eksperts', 'skolotajs.s1']) expect(await status(who), who).toBe(403);
    for (const who of ['koord.s2', 'koord.dienvidu', 'auditors', 'socdienests.ziemelu'])
      expect(await status(who), who).toBe(404);
    expect(await status('admin', '6f1b0c0e-8d1e-4c55-9a52-0c1a3b2f7e11')).toBe(404);
    expect(await status('admin', 'not-a-uuid')).toBe(400);
    const bad = await c.admin.get(`/api/students/${a.studentId}/subject-export?format=xml`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBeTruthy();
    expect(await status('admin', a.studentId, 'format=pdf&language=de')).toBe(400);
    const anonymous = server.client();
    expect((await anonymous.get(`/api/students/${a.studentId}/subject-export`)).statusCode).toBe(401);
  });

  it('writes an audit row for each export, and a denied row for a refused one', async () => {
    const before = await auditCount('subject_access.export');
    await exportJson('direktors.s1');
    expect(await auditCount('subject_access.export')).toBe(before + 1);
    const [row] = await rowsOf<{ entity_type: string; entity_id: string; outcome: string }>(
      sql`select entity_type, entity_id, outcome from audit_events where action = 'subject_access.export'
          order by id desc limit 1`,
    );
    expect(row).toEqual({ entity_type: 'student', entity_id: a.studentId, outcome: 'ok' });
    const denied = await auditCountFor(a.studentId, 'denied');
    expect((await c['koord.s2'].get(`/api/students/${a.studentId}/subject-export`)).statusCode).toBe(404);
    expect(await auditCountFor(a.studentId, 'denied')).toBe(denied + 1);
  });

  it('prints a Latvian PDF with the sections, the recipients, dates as dd.mm.yyyy, who asked and page numbers', async () => {
    const res = await c['koord.s1'].get(`/api/students/${a.studentId}/subject-export?format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // For people to look at: the first two pages.
    mkdirSync(path.resolve('.tmp', 'subject-export'), { recursive: true });
    for (const n of [1, 2])
      await pdfPageToPng(res.rawPayload, path.resolve('.tmp', 'subject-export', `page-${n}.png`), n);
    const text = await pdfText(res.rawPayload);
    for (const expected of [
      'Datu izraksts par skolēnu (VDAR 15. pants)',
      'Ērika Izrakstīte',
      codeA,
      'Skolēna dati',
      'Atbalsta plāni',
      'Gadījuma piezīmes',
      'Nosūtījumi partneriestādēm',
      'Vēstules likumiskajiem pārstāvjiem',
      'Kas skatīja un mainīja datus',
      partnerName,
      'Māte Izrakstīte',
      'Pieprasīja',
      'skolas koordinators',
      '1. lpp. no',
    ])
      expect(text, expected).toContain(expected);
    const [y, m, d] = cal.today.split('-');
    expect(text).toContain(`${d}.${m}.${y}`);
    expect(text).not.toContain(CANARY);
  });

  it('prints the PDF in English when asked', async () => {
    const res = await c['koord.s1'].get(`/api/students/${a.studentId}/subject-export?format=pdf&language=en`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload);
    for (const expected of [
      'Data about the student (GDPR Article 15)',
      'Referrals to partner institutions',
      'Page 1 of',
    ])
      expect(text, expected).toContain(expected);
  });

  it("is a 404 for a moved student's former school and allowed to the new one", async () => {
    const orgs = await organisationIdsByCode(c.admin);
    const moved = await c['koord.s1'].post(`/api/students/${b.studentId}/move`, {
      toSchoolId: orgs['ZIEM-S2'],
      movedOn: cal.today,
      classLabel: '7.b',
      grade: 7,
      reason: 'Ģimene pārcēlās',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await c['koord.s1'].get(`/api/students/${b.studentId}/subject-export`)).statusCode).toBe(404);
    expect((await c['direktors.s1'].get(`/api/students/${b.studentId}/subject-export`)).statusCode).toBe(404);
    const doc = await exportJson('koord.s2', b.studentId);
    expect(doc.sections.moves).toHaveLength(1);
    expect(doc.sections.caseNotes.map((n) => n.text)).toEqual([CANARY_NOTE]);
  });
});

async function auditCount(action: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(
    sql`select count(*)::int as n from audit_events where action = ${action}`,
  );
  return r.n;
}

async function auditCountFor(studentId: string, outcome: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(
    sql`select count(*)::int as n from audit_events where entity_id = ${studentId} and outcome = ${outcome}`,
  );
  return r.n;
}
