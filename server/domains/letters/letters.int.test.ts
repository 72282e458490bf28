import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { pdfText } from '../../../test/pdf.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { loadConfig } from '../../platform/config.ts';
import { addDays } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
let mailServer: TestServer;
let mailDir: string;
const c: Record<string, TestClient> = {};
let orgs: Record<string, string>;
let cal: TestCalendar;
let teacherName: string;

/** A school-1 student with a guardian (with an e-mail address), an application and a draft plan. */
async function student(serial: number, last: string, api: TestServer = server) {
  const k = api === server ? c['koord.s1'] : await api.signIn('koord.s1');
  const born = `${Number(cal.today.slice(0, 4)) - 15}-04-${String((serial % 28) + 1).padStart(2, '0')}`;
  const s = (
    await k.post('/api/students', {
      personalCode: makeOldPersonalCode(born, serial),
      firstName: 'Elza',
      lastName: last,
      schoolId: orgs['ZIEM-S1'],
      classLabel: '8.b',
      grade: 8,
    })
  ).json();
  const g = (
    await k.post(`/api/students/${s.id}/guardians`, {
      firstName: 'Inese',
      lastName: last,
      relation: 'mother',
      email: `inese.${serial}@example.lv`,
    })
  ).json().guardians[0];
  await k.post(`/api/students/${s.id}/applications`, {
    signedOn: cal.current.startsOn,
    signerType: 'guardian',
    guardianId: g.id,
  });
  const item = (await k.get('/api/risk-catalogue'))
    .json()
    .items.find((x: { code: string }) => x.code === 'L02');
  const risk = (
    await k.post(`/api/students/${s.id}/risks`, {
      semesterId: cal.current.id,
      riskItemId: item.id,
      justification: 'Grūtības matemātikā',
      foundOn: addDays(cal.current.startsOn, 9),
    })
  ).json().items[0];
  const plan = (await k.post('/api/plans', { studentId: s.id, semesterId: cal.current.id })).json();
  const teacherId = (await c.admin.get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const put = await k.request('PUT', `/api/plans/${plan.id}/content`, {
    riskIds: [risk.id],
    goals: [{ id: randomUUID(), text: 'Uzlabot matemātikas vērtējumu līdz 6 ballēm', criterion: '' }],
    measures: [
      {
        id: randomUUID(),
        kind: 'consultation',
        consultationType: 'subject',
        subject: 'Matemātika',
        providerId: teacherId,
        plannedHours: 8,
        riskIds: [risk.id],
        justification: 'Individuālas konsultācijas',
      },
    ],
    supervisorId: null,
  });
  expect(put.statusCode, put.body).toBe(200);
  return {
    studentId: s.id as string,
    guardianId: g.id as string,
    planId: plan.id as string,
    planCode: plan.code,
  };
}

const send = (who: TestClient, studentId: string, body: Record<string, unknown>, key?: string) =>
  who.request(
    'POST',
    `/api/students/${studentId}/letters`,
    body,
    key ? { headers: { 'idempotency-key': key } } : {},
  );

async function letterPdf(who: TestClient, studentId: string, letterId: string): Promise<string> {
  const res = await who.get(`/api/students/${studentId}/letters/${letterId}/pdf`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return pdfText(new Uint8Array(res.rawPayload));
}

const countRows = async (api: TestServer, table: 'letters' | 'stored_files') =>
  Number(
    (
      await api.database.read((db) =>
        queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`),
      )
    )[0].n,
  );

beforeAll(async () => {
  mailDir = mkdtempSync(path.join(tmpdir(), 'pumpurs-mail-'));
  const mail = { ...loadConfig().mail, transport: 'file' as const, dir: mailDir };
  server = await createTestServer({ mail });
  cal = await moveClockIntoSemester(server.database);
  for (const who of [
    'admin',
    'koord.s1',
    'direktors.s1',
    'skolotajs.s1',
    'koord.s2',
    'koord.ziemelu',
    'koord.dienvidu',
  ])
    c[who] = await server.signIn(who);
  orgs = Object.fromEntries(
    ((await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[]).map((o) => [
      o.code,
      o.id,
    ]),
  );
  const teacher = (await c.admin.get('/api/users?q=skolotajs.s1')).json().items[0];
  teacherName = `${teacher.firstName} ${teacher.lastName}`;
}, 120_000);
afterAll(async () => {
  await server.close();
  await mailServer?.close();
  resetClock();
});

describe('letters of each kind', () => {
  let s: Awaited<ReturnType<typeof student>>;
  beforeAll(async () => {
    s = await student(401, 'Vēstulīte');
  });

  it('an invitation to agree the plan names the student, the plan and the school', async () => {
    const res = await send(c['koord.s1'], s.studentId, {
      kind: 'invitation',
      language: 'lv',
      guardianId: s.guardianId,
      method: 'printed',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'invitation',
      method: 'printed',
      planCode: s.planCode,
      guardianName: 'Inese Vēstulīte',
    });
    const text = await letterPdf(c['koord.s1'], s.studentId, res.json().id);
    expect(text).toContain('Aicinājums saskaņot atbalsta plānu');
    expect(text).toContain('Elza Vēstulīte');
    expect(text).toContain('Inese Vēstulīte');
    expect(text).toContain(s.planCode);
  });

  it('the plan summary lists the goals and who helps (measure and provider), in Latvian and English', async () => {
    const lv = await send(c['direktors.s1'], s.studentId, {
      kind: 'plan_summary',
      language: 'lv',
      guardianId: s.guardianId,
      method: 'handed',
    });
    expect(lv.statusCode, lv.body).toBe(201);
    const text = await letterPdf(c['koord.s1'], s.studentId, lv.json().id);
    expect(text).toContain('Atbalsta plāna kopsavilkums');
    expect(text).toContain('Elza Vēstulīte');
    expect(text).toContain('1. Uzlabot matemātikas vērtējumu līdz 6 ballēm');
    expect(text).toMatch(/Matemātika.*sniedz/);
    expect(text).toContain(teacherName);
    expect(text).toContain('8 h');
    const en = await send(c['koord.s1'], s.studentId, {
      kind: 'plan_summary',
      language: 'en',
      guardianId: s.guardianId,
      method: 'printed',
    });
    expect(en.statusCode, en.body).toBe(201);
    const enText = await letterPdf(c['koord.s1'], s.studentId, en.json().id);
    expect(enText).toContain('Summary of the support plan');
    expect(enText).toContain('Who helps and how');
    expect(enText).toContain(`given by ${teacherName}`);
    expect(enText).toContain('Elza Vēstulīte');
  });

  it('the absence notice needs more than 20 unjustified lessons and then states the count and the threshold', async () => {
    const body = { kind: 'absences', language: 'lv', guardianId: s.guardianId, method: 'printed' };
    const early = await send(c['koord.s1'], s.studentId, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('letter_absences_below_threshold');
    for (const d of [0, 1, 2]) {
      const r = await c['koord.s1'].post(`/api/students/${s.studentId}/attendance`, {
        onDate: cal.weekday(2, d),
        lessons: 7,
        reason: 'unjustified',
      });
      expect(r.statusCode, r.body).toBeLessThan(300);
    }
    const res = await send(c['koord.s1'], s.studentId, body);
    expect(res.statusCode, res.body).toBe(201);
    const text = await letterPdf(c['koord.s1'], s.studentId, res.json().id);
    expect(text).toContain('Paziņojums par neattaisnotiem kavējumiem');
    expect(text).toContain('Elza Vēstulīte');
    expect(text).toContain('Neattaisnoti kavētās mācību stundas: 21');
    expect(text).toContain('pārsniedz 20');
  });

  it('the plan-ended notice is refused while the plan runs and written once it has ended', async () => {
    const body = {
      kind: 'plan_ended',
      language: 'lv',
      guardianId: s.guardianId,
      method: 'printed',
      planId: s.planId,
    };
    const early = await send(c['koord.s1'], s.studentId, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('letter_plan_not_ended');
    // Ending a plan takes an evaluation near the semester's end; the letter only reads the status.
    await server.database.withTx((tx) =>
      tx.execute(sql`update plans set status = 'closed' where id = ${s.planId}`),
    );
    const res = await send(c['koord.s1'], s.studentId, body);
    expect(res.statusCode, res.body).toBe(201);
    const text = await letterPdf(c['koord.s1'], s.studentId, res.json().id);
    expect(text).toContain('Atbalsta plāns noslēgts');
    expect(text).toContain('Elza Vēstulīte');
    expect(text).toContain(s.planCode);
  });

  it('shows every sending on the record, newest first, for the school and its municipality', async () => {
    const list = (await c['koord.s1'].get(`/api/students/${s.studentId}/letters`)).json();
    expect(list.items.map((l: { kind: string }) => l.kind)).toEqual(
      expect.arrayContaining(['invitation', 'plan_summary', 'absences', 'plan_ended']),
    );
    expect(list.items).toHaveLength(5);
    expect(list.items[0]).toMatchObject({ kind: 'plan_ended', sentByName: expect.any(String) });
    expect(list.guardians).toEqual([
      { id: s.guardianId, name: 'Inese Vēstulīte', hasEmail: true, language: 'lv' },
    ]);
    expect(list.can.send).toBe(true);
    const muni = await c['koord.ziemelu'].get(`/api/students/${s.studentId}/letters`);
    expect(muni.statusCode).toBe(200);
    expect(muni.json().can.send).toBe(false);
    const student = (await c['koord.s1'].get(`/api/students/${s.studentId}`)).json();
    expect(student.can).toMatchObject({ viewLetters: true, sendLetters: true });
  });
});

describe('who may', () => {
  let s: Awaited<ReturnType<typeof student>>;
  beforeAll(async () => {
    s = await student(402, 'Robeža');
  });
  const body = () => ({ kind: 'invitation', language: 'lv', guardianId: s.guardianId, method: 'printed' });

  it('another school or municipality gets 404 for the list, the sending and the PDF', async () => {
    const sent = await send(c['koord.s1'], s.studentId, body());
    expect(sent.statusCode).toBe(201);
    for (const who of ['koord.s2', 'koord.dienvidu']) {
      expect((await c[who].get(`/api/students/${s.studentId}/letters`)).statusCode, who).toBe(404);
      expect((await send(c[who], s.studentId, { ...body(), method: 'handed' })).statusCode, who).toBe(404);
      expect(
        (await c[who].get(`/api/students/${s.studentId}/letters/${sent.json().id}/pdf`)).statusCode,
      ).toBe(404);
    }
  });

  it('a guardian or plan of another student is 404', async () => {
    const other = await student(403, 'Citāda');
    expect(
      (await send(c['koord.s1'], s.studentId, { ...body(), guardianId: other.guardianId, method: 'handed' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await send(c['koord.s1'], s.studentId, { ...body(), planId: other.planId, method: 'handed' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await c['koord.s1'].get(`/api/students/${other.studentId}/letters/${randomUUID()}/pdf`)).statusCode,
    ).toBe(404);
  });

  it('a role without the right gets 403 (municipality, admin) or 404 (a teacher who does not see the student)', async () => {
    expect((await send(c['koord.ziemelu'], s.studentId, { ...body(), method: 'handed' })).statusCode).toBe(
      403,
    );
    expect((await send(c.admin, s.studentId, { ...body(), method: 'handed' })).statusCode).toBe(403);
    expect([403, 404]).toContain(
      (await send(c['skolotajs.s1'], s.studentId, { ...body(), method: 'handed' })).statusCode,
    );
    expect([403, 404]).toContain(
      (await c['skolotajs.s1'].get(`/api/students/${s.studentId}/letters`)).statusCode,
    );
  });
});

describe('templates', () => {
  const put = (who: TestClient, kind: string, lang: string, subject: string, text: string) =>
    who.request('PUT', `/api/letter-templates/${kind}/${lang}`, { subject, body: text });

  it('lists the eight seeded templates with their placeholders, for the national admin only', async () => {
    const res = await c.admin.get('/api/letter-templates');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      kind: string;
      language: string;
      body: string;
      placeholders: string[];
    }[];
    expect(items).toHaveLength(8);
    const summary = items.find((t) => t.kind === 'plan_summary' && t.language === 'lv');
    expect(summary?.body).toContain('{{goals}}');
    expect(summary?.placeholders).toContain('measures');
    expect((await c['koord.s1'].get('/api/letter-templates')).statusCode).toBe(403);
    expect((await put(c['koord.s1'], 'invitation', 'lv', 'X', 'Y')).statusCode).toBe(403);
  });

  it('refuses an unknown placeholder and unbalanced braces with a 400 naming them', async () => {
    const unknown = await put(
      c.admin,
      'absences',
      'lv',
      'Kavējumi',
      'Sveiki {{guardianName}}, plāns {{planCode}}.',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('template_invalid');
    expect(unknown.json().error.details[0]).toMatchObject({ path: 'body' });
    expect(unknown.json().error.details[0].message).toContain('{{planCode}}');
    const unbalanced = await put(c.admin, 'absences', 'lv', 'Kavējumi {{studentName', 'Teksts');
    expect(unbalanced.statusCode).toBe(400);
    expect(unbalanced.json().error.details[0]).toMatchObject({ path: 'subject' });
    expect(unbalanced.json().error.details[0].message).toMatch(/Figūriekavas/);
    const admin = await server.signIn('admin');
    await admin.patch('/api/me', { language: 'en' });
    const en = await put(admin, 'absences', 'en', 'A', '{{nope}}');
    expect(en.json().error.details[0].message).toMatch(/Unknown placeholder \{\{nope\}\}/);
  });

  it('previews with sample data, saves a new version with who and when, and letters use it', async () => {
    const preview = await c.admin.post('/api/letter-templates/preview', {
      kind: 'invitation',
      language: 'lv',
      subject: 'Ielūgums {{studentName}}',
      body: 'Labdien, {{guardianName}}! {{planCode}}',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      subject: 'Ielūgums Jānis Bērziņš',
      body: 'Labdien, Ilze Bērziņa! IAP-2026-1-000123',
    });
    expect(
      (
        await c.admin.post('/api/letter-templates/preview', {
          kind: 'invitation',
          language: 'lv',
          subject: 'x',
          body: '{{absences}}',
        })
      ).statusCode,
    ).toBe(400);
    const saved = await put(
      c.admin,
      'invitation',
      'en',
      'Meeting about the plan {{planCode}}',
      'Dear {{guardianName}}, about {{studentName}}.',
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const tpl = saved
      .json()
      .items.find((t: { kind: string; language: string }) => t.kind === 'invitation' && t.language === 'en');
    expect(tpl).toMatchObject({ version: 2, updatedByName: expect.any(String) });
    const audited = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where action = 'letter_template.update'`,
      ),
    );
    expect(audited[0].n).toBeGreaterThan(0);
    const versions = await server.database.read((db) =>
      queryRows<{ version: number }>(
        db,
        sql`select version from letter_template_versions where kind = 'invitation' and language = 'en' order by version`,
      ),
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const s = await student(404, 'Veidne');
    const res = await send(c['koord.s1'], s.studentId, {
      kind: 'invitation',
      language: 'en',
      guardianId: s.guardianId,
      method: 'printed',
    });
    expect(res.statusCode).toBe(201);
    const text = await letterPdf(c['koord.s1'], s.studentId, res.json().id);
    expect(text).toContain(`Meeting about the plan ${s.planCode}`);
    expect(text).toContain('Dear Inese Veidne, about Elza Veidne.');
  });

  it('refuses NUL, over-long and 1 MB strings, and nothing changes', async () => {
    const before = (await c.admin.get('/api/letter-templates')).json();
    expect((await put(c.admin, 'plan_ended', 'lv', 'A\u0000B', 'Teksts')).statusCode).toBe(400);
    expect((await put(c.admin, 'plan_ended', 'lv', 'A', 'x'.repeat(10_001))).statusCode).toBe(400);
    expect([400, 413]).toContain(
      (await put(c.admin, 'plan_ended', 'lv', 'A', 'x'.repeat(1024 * 1024))).statusCode,
    );
    expect((await put(c.admin, 'plan_ended', 'lv', 'A\nB', 'Teksts')).statusCode).toBe(400);
    expect((await c.admin.get('/api/letter-templates')).json()).toEqual(before);
    const s = await student(405, 'Nulle');
    const bad = await send(c['koord.s1'], s.studentId, {
      kind: 'invitation',
      language: 'lv',
      guardianId: `${s.guardianId}\u0000`,
      method: 'printed',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await send(c['koord.s1'], s.studentId, {
          kind: 'letter\u0000',
          language: 'lv',
          guardianId: s.guardianId,
          method: 'printed',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await send(c['koord.s1'], s.studentId, {
          kind: 'invitation',
          language: 'lv',
          guardianId: s.guardianId,
          method: 'x'.repeat(1024 * 1024),
        })
      ).statusCode,
    ).toBeGreaterThanOrEqual(400);
    expect((await c['koord.s1'].get(`/api/students/${s.studentId}/letters`)).json().items).toHaveLength(0);
  });
});

describe('double submit', () => {
  it('two identical requests at once with one key create one record and get the same answer', async () => {
    const s = await student(406, 'Dubulta');
    const body = { kind: 'invitation', language: 'lv', guardianId: s.guardianId, method: 'printed' };
    const key = randomUUID();
    const [a, b] = await Promise.all([
      send(c['koord.s1'], s.studentId, body, key),
      send(c['koord.s1'], s.studentId, body, key),
    ]);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect((await c['koord.s1'].get(`/api/students/${s.studentId}/letters`)).json().items).toHaveLength(1);
  });

  it('without a key the same letter the same day is one record and a 409', async () => {
    const s = await student(407, 'Divreiz');
    const body = { kind: 'plan_summary', language: 'lv', guardianId: s.guardianId, method: 'handed' };
    const [a, b] = await Promise.all([
      send(c['koord.s1'], s.studentId, body),
      send(c['koord.s1'], s.studentId, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)?.json().error.code).toBe('letter_duplicate');
    expect((await c['koord.s1'].get(`/api/students/${s.studentId}/letters`)).json().items).toHaveLength(1);
  });
});

describe('e-mail', () => {
  it('the file transport writes one .eml with the PDF attached and records "emailed"', async () => {
    const s = await student(408, 'Pasta');
    const before = readdirSync(mailDir).length;
    const res = await send(c['koord.s1'], s.studentId, {
      kind: 'plan_summary',
      language: 'lv',
      guardianId: s.guardianId,
      method: 'emailed',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().method).toBe('emailed');
    const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
    expect(files.length - before).toBe(1);
    const eml = readFileSync(path.join(mailDir, files.sort().at(-1) as string), 'utf8');
    expect(eml).toContain('To: inese.408@example.lv');
    expect(eml).toMatch(/Content-Type: application\/pdf/);
    expect(eml).toMatch(/filename=.*plan_summary-.*\.pdf/);
    expect(eml).toMatch(/Subject: =\?UTF-8\?|Subject: Atbalsta/);
  });

  it('refuses e-mail to a guardian without an address', async () => {
    const s = await student(409, 'Bezadreses');
    const g = (
      await c['koord.s1'].post(`/api/students/${s.studentId}/guardians`, {
        firstName: 'Tēvs',
        lastName: 'Bezadreses',
        relation: 'father',
      })
    )
      .json()
      .guardians.find((x: { firstName: string }) => x.firstName === 'Tēvs');
    const res = await send(c['koord.s1'], s.studentId, {
      kind: 'invitation',
      language: 'lv',
      guardianId: g.id,
      method: 'emailed',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('guardian_no_email');
  });

  it('an SMTP server that is down gives 502 with a clear message, and nothing is recorded', async () => {
    const mail = { ...loadConfig().mail, transport: 'smtp' as const, smtpUrl: 'smtp://127.0.0.1:9' };
    mailServer = await createTestServer({ mail });
    // This database's own semesters: a school year created at start-up (the clock ahead) has ids of its own.
    cal = await moveClockIntoSemester(mailServer.database);
    const s = await student(410, 'Dīkstāve', mailServer);
    const k = await mailServer.signIn('koord.s1');
    const letters = await countRows(mailServer, 'letters');
    const files = await countRows(mailServer, 'stored_files');
    const res = await send(k, s.studentId, {
      kind: 'invitation',
      language: 'lv',
      guardianId: s.guardianId,
      method: 'emailed',
    });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('mail_unavailable');
    expect(res.json().error.message).toMatch(/E-pasta serveris nav pieejams/);
    expect(await countRows(mailServer, 'letters')).toBe(letters);
    expect(await countRows(mailServer, 'stored_files')).toBe(files);
    // Printing still works on the same server.
    expect(
      (
        await send(k, s.studentId, {
          kind: 'invitation',
          language: 'lv',
          guardianId: s.guardianId,
          method: 'printed',
        })
      ).statusCode,
    ).toBe(201);
  }, 60_000);
});
