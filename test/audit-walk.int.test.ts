import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from './calendar.ts';
import { createPlanFixture, type PlanFixture } from './factories.ts';
import { classListCsv, classListRows } from './fixtures.ts';
import { minimalPdf, ONE_PIXEL_PNG } from './scan-samples.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

/**
 * Walks every GET route of the route table as each role that sees student data, on the demo plus a
 * few records the demo lacks (a session, a payment with its scan, an application scan, an import).
 * Any response that carries a student's name or personal code must have written an audit row with
 * the request's id.
 */
let server: TestServer;
const c: Record<string, TestClient> = {};
const ROLES = ['koord.s1', 'koord.ziemelu', 'admin', 'skolotajs.s1', 'eksperts', 'direktors.s1', 'auditors'];
const ids: Record<string, string[]> = {};
let token = '';
/** The teacher's calendar feed file (`<token>.ics`). */
let feedFile = '';
let schoolId = '';
let semesterId = '';
let cal: TestCalendar;
const pdf = minimalPdf();
const png = ONE_PIXEL_PNG;

/** Query strings some lists need to return anything at all (dates in the demo's current semester). */
const QUERIES: Record<string, () => string> = {
  '/api/support/sessions': () => `from=${cal.previous.startsOn}&to=${cal.current.endsOn}`,
  '/api/support/planned': () => `from=${cal.today}&to=${cal.today}`,
  '/api/timesheets': () => `schoolId=${schoolId}&month=${cal.today.slice(0, 7)}`,
  '/api/timesheets.xlsx': () => `month=${cal.today.slice(0, 7)}`,
  '/api/budgets': () => `schoolId=${schoolId}&semesterId=${semesterId}`,
  '/api/students/:id/indicators': () => `semesterId=${semesterId}`,
  '/api/students/:id/charts': () => `semesterId=${semesterId}`,
  '/api/reports/students': () => `org=${schoolId}`,
  '/api/outcomes': () => `schoolId=${schoolId}`,
  '/api/risk-score/ranks': () => `schoolId=${schoolId}`,
};

/** Routes that answer with a student's record even when no name is in it (plan text, payments, sessions). */
const STUDENT_RECORD_ROUTES =
  /^\/api\/(students\/|plans\/|imports\/|support\/|confirm\/|calendar-feed\/|audit$)/;

/** How to fill each path parameter: the list of ids to try, by the path segment before it. */
function fillings(url: string): string[] {
  const params = url.match(/:[a-zA-Z]+/g) ?? [];
  let urls = [url];
  for (const p of params) {
    const before = url.slice(0, url.indexOf(p)).split('/').filter(Boolean).pop() ?? '';
    const key = p === ':id' ? before : p.slice(1);
    const values = key === 'token' ? [token] : ids[key];
    if (!values) throw new Error(`audit walk: no way to fill ${p} in ${url}; add it to the table`);
    urls = urls.flatMap((u) => values.map((v) => u.replace(p, v)));
  }
  return urls;
}

interface StudentMark {
  names: string[];
  codes: Set<string>;
}
let marks: StudentMark;

async function textOf(res: LightMyRequestResponse): Promise<string | null> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const cells: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    return cells.join('\n');
  }
  if (type.includes('json') || type.startsWith('text/')) return res.body;
  return null;
}

/** Whether the text shows a student's name ("First Last", "Last First", "First L.") or personal code. */
function showsStudent(text: string): string | null {
  for (const m of text.matchAll(/(\d{6})-?(\d{5}|\*{5})/g)) {
    if (marks.codes.has(m[2].startsWith('*') ? m[1] : m[1] + m[2])) return m[0];
  }
  for (const n of marks.names) if (text.includes(n)) return n;
  return null;
}

beforeAll(async () => {
  server = await createTestServer();
  // The walk writes its records on a day inside the demo's current semester, whatever the date.
  cal = await moveClockIntoSemester(server.database);
  for (const who of ROLES) c[who] = await server.signIn(who);
  const orgs = (await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
  semesterId = cal.current.id;
  const teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const base = {
    schoolId,
    semesterId,
    classLabel: '10.a',
    grade: 10,
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
  };
  const consult: PlanFixture = await createPlanFixture(c, {
    ...base,
    personalCode: makeOldPersonalCode('2010-03-03', 961),
    firstName: 'Staigā',
    lastName: 'Konsultētā',
    riskCode: 'L02',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Fizika',
      providerId: teacherId,
      plannedHours: 8,
      justification: 'Konsultācijas',
    },
    start: true,
  });
  const economic = await createPlanFixture(c, {
    ...base,
    personalCode: makeOldPersonalCode('2010-04-04', 962),
    firstName: 'Staigā',
    lastName: 'Maksājumā',
    riskCode: 'E02',
    measure: {
      kind: 'economic',
      economicCategory: 'study_materials',
      plannedCents: 15000,
      justification: 'Grāmatas',
    },
    start: true,
  });
  const k = c['koord.s1'];
  await c['koord.ziemelu'].request('PUT', '/api/budgets', {
    schoolId,
    semesterId,
    category: 'study_materials',
    amount: 10000,
  });
  const payment = await k.post(`/api/plans/${economic.planId}/payments`, {
    measureId: economic.measureId,
    onDate: cal.today,
    amountCents: 2000,
    recipient: 'Grāmatnīca',
    documentRef: 'Č-1',
  });
  expect(payment.statusCode, payment.body).toBe(201);
  const paymentId = (await k.get(`/api/plans/${economic.planId}/payments`)).json().items[0].id;
  await k.request('PUT', `/api/plans/${economic.planId}/payments/${paymentId}/scan?fileName=c.png`, png, {
    headers: { 'content-type': 'image/png' },
  });
  const applicationId = (await k.get(`/api/students/${consult.studentId}`)).json().applications[0].id;
  await k.request(
    'PUT',
    `/api/students/${consult.studentId}/applications/${applicationId}/scan?fileName=i.pdf`,
    pdf,
    { headers: { 'content-type': 'application/pdf' } },
  );
  const guardianId = (await k.get(`/api/students/${consult.studentId}`)).json().guardians[0].id;
  const letter = await k.post(`/api/students/${consult.studentId}/letters`, {
    kind: 'plan_summary',
    language: 'lv',
    guardianId,
    method: 'printed',
  });
  expect(letter.statusCode, letter.body).toBe(201);
  const partnerId = (await k.get(`/api/students/${consult.studentId}/referrals`)).json().partners[0].id;
  const referral = await k.post(`/api/students/${consult.studentId}/referrals`, {
    partnerId,
    reason: 'Lūdzam izvērtēt ģimenes situāciju.',
    items: ['name', 'personal_code'],
    urgency: 'normal',
    dueOn: cal.today,
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const note = await k.post(`/api/students/${consult.studentId}/notes`, {
    date: cal.today,
    type: 'meeting',
    visibility: 'team',
    text: 'Tikšanās ar skolēnu.',
  });
  expect(note.statusCode, note.body).toBe(201);
  const signed = await k.request('POST', `/api/plans/${economic.planId}/signed-files?fileName=p.pdf`, pdf, {
    headers: { 'content-type': 'application/pdf' },
  });
  expect(signed.statusCode, signed.body).toBe(201);
  const session = await c['skolotajs.s1'].post('/api/support/sessions', {
    onDate: cal.today,
    startTime: '08:00',
    minutes: 45,
    mode: 'remote',
    topic: 'Attālināti',
    participants: [consult],
  });
  expect(session.statusCode, session.body).toBe(201);
  token = session.json().confirmationPath.split('/').pop();
  const planned = await c['skolotajs.s1'].post('/api/support/planned', {
    planId: consult.planId,
    measureId: consult.measureId,
    onDate: cal.today,
    startTime: '22:00',
    minutes: 45,
    mode: 'in_person',
    room: '101',
  });
  expect(planned.statusCode, planned.body).toBe(201);
  feedFile =
    String((await c['skolotajs.s1'].post('/api/support/calendar-feed')).json().path)
      .split('/')
      .pop() ?? '';
  const rows = classListRows(6, 7);
  rows[0].personalCode = '123';
  const up = await k.request(
    'POST',
    `/api/imports/students?schoolId=${schoolId}&fileName=k.csv`,
    classListCsv(rows),
    { headers: { 'content-type': 'text/csv' } },
  );
  const importId = up.json().importId;
  await k.post(`/api/imports/${importId}/preview`, { mapping: up.json().mapping });
  const job = await k.post(`/api/organisations/${schoolId}/indicators/recompute`, {});
  expect(job.statusCode, job.body).toBe(202);

  const q = async <T>(text: string) =>
    ((await server.database.read((tx) => tx.execute(sql.raw(text)))) as { rows: T[] }).rows;
  const plans = await q<{ id: string }>(
    `SELECT DISTINCT ON (p.status) p.id FROM plans p JOIN students s ON s.id = p.student_id
     JOIN organisations o ON o.id = s.school_id WHERE o.code = 'ZIEM-S1' ORDER BY p.status, p.created_at`,
  );
  const one = async (text: string) => (await q<{ id: string }>(text)).map((r) => String(r.id));
  Object.assign(ids, {
    students: [consult.studentId, economic.studentId],
    plans: [...plans.map((p) => String(p.id)), consult.planId, economic.planId],
    paymentId: [paymentId],
    applicationId: [applicationId],
    letterId: [letter.json().id],
    referrals: [referral.json().id],
    noteId: [note.json().id],
    fileId: [signed.json().items[0].id as string],
    imports: [importId],
    jobs: [job.json().jobId],
    organisations: [schoolId],
    users: [teacherId],
    kind: ['attendance'],
    file: [feedFile],
  });
  ids.users.push(...(await one(`SELECT id FROM users WHERE email LIKE 'koord.s1@%'`)));
  const students = await q<{ first_name: string; last_name: string; personal_code: string }>(
    'SELECT first_name, last_name, personal_code FROM students',
  );
  marks = { names: [], codes: new Set() };
  for (const s of students) {
    marks.names.push(`${s.first_name} ${s.last_name}`, `${s.last_name} ${s.first_name}`);
    marks.names.push(`${s.first_name} ${s.last_name[0]}.`);
    marks.codes.add(s.personal_code.replace('-', ''));
    marks.codes.add(s.personal_code.replace('-', '').slice(0, 6));
  }
}, 300_000);
afterAll(async () => {
  resetClock();
  await server.close();
});

async function auditRows(requestId: string): Promise<number> {
  const res = await server.database.read((tx) =>
    tx.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE request_id = ${requestId}`),
  );
  return Number((res as { rows: { n: number }[] }).rows[0].n);
}

describe('audit walk over every GET route', () => {
  it('writes an audit row for every response that shows a student, for every role that sees students', async () => {
    const routes = server.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/'));
    const missing: string[] = [];
    let walked = 0;
    let showing = 0;
    const who = [...ROLES.map((r) => [r, c[r]] as const), ['anonymous', server.client('10.8.0.1')] as const];
    for (const route of routes) {
      for (const url of fillings(route.url)) {
        const query = QUERIES[route.url]?.();
        for (const [name, client] of who) {
          const res = await client.get(query ? `${url}?${query}` : url);
          walked += 1;
          if (process.env.WALK_DEBUG) console.info(name, res.statusCode, url.slice(0, 60), query ?? '');
          const text = await textOf(res);
          const binary = text === null && res.statusCode === 200;
          const shown = text === null ? null : showsStudent(text);
          const record = res.statusCode === 200 && STUDENT_RECORD_ROUTES.test(route.url);
          if (!shown && !binary && !record) continue;
          showing += 1;
          const requestId = String(res.headers['x-request-id']);
          if ((await auditRows(requestId)) === 0)
            missing.push(
              `${name} GET ${route.url} (${res.statusCode}) shows ${shown ? 'a student' : binary ? 'a file' : 'a record'}`,
            );
        }
      }
    }
    console.info(
      `audit walk: ${routes.length} GET routes, ${walked} requests, ${showing} showed student data`,
    );
    expect(showing).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  }, 600_000);
});
