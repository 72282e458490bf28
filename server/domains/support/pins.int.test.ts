import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode, type PlanFixture } from '../../../test/factories.ts';
import { pdfText } from '../../../test/pdf.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { resetClock } from '../../platform/clock.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import { queryRows } from '../../platform/db.ts';
import { verifyPassword } from '../../platform/passwords.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let s1: string;
let s5: string;
/** Class 7.ž of school 1: the plan student (in a running plan with the teacher) and three more. */
const CLASS = '7.ž';
let planKid: PlanFixture;
const classIds: string[] = [];
const codes: string[] = [];
let otherSchoolKid: string;
let sessionSerial = 0;

const NAMES: [string, string][] = [
  ['Ģirts', 'Ķēniņš'],
  ['Līga', 'Šņore'],
  ['Ūna', 'Žagata'],
];

async function addStudent(
  client: TestClient,
  schoolId: string,
  i: number,
  name: [string, string],
  cls: string,
) {
  const personalCode = makeOldPersonalCode(`2013-0${(i % 9) + 1}-1${i % 10}`, 400 + i);
  const res = await client.post('/api/students', {
    personalCode,
    firstName: name[0],
    lastName: name[1],
    schoolId,
    classLabel: cls,
    grade: 7,
  });
  expect(res.statusCode, res.body).toBe(201);
  codes.push(personalCode);
  return res.json().id as string;
}

/** POSTs the generate request with an Idempotency-Key (each call a new one unless given). */
function generate(
  client: TestClient,
  body: Record<string, unknown>,
  key: string | null = crypto.randomUUID(),
) {
  return client.request('POST', '/api/students/pins/generate', body, {
    headers: key ? { 'idempotency-key': key } : {},
  });
}

/** The slips of a PDF answer: name → PIN. */
async function slips(body: Buffer): Promise<{ text: string; pins: Map<string, string> }> {
  const text = await pdfText(new Uint8Array(body));
  const pins = new Map<string, string>();
  for (const m of text.matchAll(/([^\n]+)\n(?:Klase|Class): [^\n]+\nPIN: (\d{6})/g))
    pins.set(m[1].trim(), m[2]);
  return { text, pins };
}

async function pinRows(ids: string[]) {
  return server.database.read((tx) =>
    queryRows<{ student_id: string; pin_hash: string }>(
      tx,
      sql`select student_id, pin_hash from student_pins where student_id in ${ids} order by student_id`,
    ),
  );
}

async function confirmWith(pin: string) {
  sessionSerial += 1;
  const session = await c['skolotajs.s1'].post('/api/support/sessions', {
    onDate: todayInLatvia(),
    startTime: '09:00',
    minutes: 20,
    mode: 'in_person',
    topic: `PIN lapa ${sessionSerial}`,
    participants: [planKid],
  });
  expect(session.statusCode, session.body).toBe(201);
  return c['skolotajs.s1'].post(`/api/support/sessions/${session.json().id}/confirm`, {
    studentId: planKid.studentId,
    pin,
  });
}

beforeAll(async () => {
  server = await createTestServer();
  const cal = await moveClockIntoSemester(server.database);
  for (const who of [
    'admin',
    'koord.s1',
    'direktors.s1',
    'koord.ziemelu',
    'eksperts',
    'koord.s5',
    'skolotajs.s1',
  ])
    c[who] = await server.signIn(who);
  const orgs = await organisationIdsByCode(c.admin);
  s1 = orgs['ZIEM-S1'];
  s5 = orgs['DIEN-S5'];
  const teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  const planCode = makeOldPersonalCode('2013-05-20', 399);
  codes.push(planCode);
  planKid = await createPlanFixture(c, {
    schoolId: s1,
    semesterId: cal.current.id,
    personalCode: planCode,
    firstName: 'Ēriks',
    lastName: 'Čakste',
    classLabel: CLASS,
    grade: 7,
    riskCode: 'L02',
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Matemātika',
      providerId: teacherId,
      plannedHours: 8,
      justification: 'Konsultācijas',
    },
    start: true,
  });
  classIds.push(planKid.studentId);
  for (const [i, name] of NAMES.entries()) classIds.push(await addStudent(c['koord.s1'], s1, i, name, CLASS));
  otherSchoolKid = await addStudent(c['koord.s5'], s5, 7, ['Otra', 'Skola'], CLASS);
});
afterAll(() => {
  resetClock();
  return server.close();
});

describe('scope and rights: all or nothing', () => {
  it("answers 404 for another school's class or ids, and writes nothing", async () => {
    expect((await generate(c['koord.s5'], { schoolId: s1, classLabel: CLASS })).statusCode).toBe(404);
    expect((await generate(c['koord.s5'], { schoolId: s5, studentIds: [classIds[0]] })).statusCode).toBe(404);
    // One foreign id among the caller's own students: the whole request is refused.
    const mixed = await generate(c['koord.s1'], { schoolId: s1, studentIds: [...classIds, otherSchoolKid] });
    expect(mixed.statusCode).toBe(404);
    expect(await pinRows([...classIds, otherSchoolKid])).toEqual([]);
  });

  it('answers 403 to a role that sees the students but may not set PINs', async () => {
    const res = await generate(c['koord.ziemelu'], { schoolId: s1, classLabel: CLASS });
    expect(res.statusCode).toBe(403);
    expect(await pinRows(classIds)).toEqual([]);
  });

  it('refuses garbage: both or neither of class and ids, too many ids, NUL, a huge class label', async () => {
    const k = c['koord.s1'];
    for (const body of [
      { schoolId: s1 },
      { schoolId: s1, classLabel: CLASS, studentIds: [classIds[0]] },
      { schoolId: s1, studentIds: Array.from({ length: 61 }, () => crypto.randomUUID()) },
      { schoolId: s1, classLabel: '7.a\u0000' },
      { schoolId: s1, classLabel: 'x'.repeat(1_000_000) },
      { schoolId: s1, classLabel: CLASS, mode: 'all' },
      { schoolId: 'not-a-uuid', classLabel: CLASS },
    ])
      expect((await generate(k, body)).statusCode).toBe(400);
    expect(await pinRows(classIds)).toEqual([]);
  });

  it('refuses "replace all" without an Idempotency-Key', async () => {
    const res = await generate(c['koord.s1'], { schoolId: s1, classLabel: CLASS, mode: 'replace' }, null);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('idempotency_key_required');
  });
});

describe('generating a class sheet', () => {
  let first: Map<string, string>;

  it('gives PINs to every student without one and answers a PDF of slips: name, class, PIN, no personal code', async () => {
    const before = (await c['skolotajs.s1'].get('/api/support/my-measures')).json().items;
    const mine = before.find((m: { studentId: string }) => m.studentId === planKid.studentId);
    expect(mine).toMatchObject({ hasPin: false });
    expect(mine.pinSetters).toContain('Kristīne Koordinatore');

    const res = await generate(c['koord.s1'], { schoolId: s1, classLabel: CLASS });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-pin-count']).toBe('4');
    const { text, pins } = await slips(res.rawPayload);
    for (const name of ['Ēriks Čakste', 'Ģirts Ķēniņš', 'Līga Šņore', 'Ūna Žagata'])
      expect(pins.get(name)).toMatch(/^\d{6}$/);
    expect(text).toContain(`Klase: ${CLASS}`);
    expect(text).not.toContain('Otra');
    for (const code of codes) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(code.slice(0, 6));
    }
    first = pins;
    expect(await pinRows(classIds)).toHaveLength(4);
  });

  it('shows the status on the list, the plan and the session form', async () => {
    const list = (
      await c['koord.s1'].get(`/api/students?schoolId=${s1}&classLabel=${encodeURIComponent(CLASS)}`)
    ).json();
    expect(list.items).toHaveLength(4);
    expect(list.items.every((s: { hasPin: boolean }) => s.hasPin)).toBe(true);
    const other = (await c['koord.s5'].get(`/api/students?schoolId=${s5}&q=Otra`)).json().items;
    expect(other.find((s: { id: string }) => s.id === otherSchoolKid).hasPin).toBe(false);
    const plan = (await c['skolotajs.s1'].get(`/api/plans/${planKid.planId}`)).json();
    expect(plan.pin.hasPin).toBe(true);
    expect(plan.pin.setters).toContain('Kristīne Koordinatore');
    const mine = (await c['skolotajs.s1'].get('/api/support/my-measures')).json().items;
    expect(mine.find((m: { studentId: string }) => m.studentId === planKid.studentId).hasPin).toBe(true);
  });

  it('confirms a session with the PIN from the slip', async () => {
    expect((await confirmWith(first.get('Ēriks Čakste') as string)).statusCode).toBe(200);
  });

  it('"only missing" again answers 409 and changes nothing', async () => {
    const before = await pinRows(classIds);
    const again = await generate(c['koord.s1'], { schoolId: s1, classLabel: CLASS });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('pins_none_missing');
    expect(await pinRows(classIds)).toEqual(before);
  });

  it('"only missing" gives a PIN to a newcomer only', async () => {
    const newcomer = await addStudent(c['koord.s1'], s1, 5, ['Jauns', 'Skolēns'], CLASS);
    const before = await pinRows(classIds);
    const res = await generate(c['koord.s1'], { schoolId: s1, classLabel: CLASS });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-pin-count']).toBe('1');
    expect([...(await slips(res.rawPayload)).pins.keys()]).toEqual(['Jauns Skolēns']);
    expect(await pinRows(classIds)).toEqual(before);
    classIds.push(newcomer);
  });

  it('"replace all" gives everyone a new PIN; the old one no longer confirms', async () => {
    const res = await generate(c['koord.s1'], { schoolId: s1, classLabel: CLASS, mode: 'replace' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-pin-count']).toBe('5');
    const { pins } = await slips(res.rawPayload);
    const old = first.get('Ēriks Čakste') as string;
    const fresh = pins.get('Ēriks Čakste') as string;
    if (old !== fresh) expect((await confirmWith(old)).statusCode).toBe(400);
    expect((await confirmWith(fresh)).statusCode).toBe(200);
    first = pins;
  });

  it('audits one row per student, never a PIN', async () => {
    const rows = await server.database.read((tx) =>
      queryRows<{ entity_id: string; org_id: string; n: number }>(
        tx,
        sql`select entity_id, org_id, count(*)::int as n from audit_events where action = 'student.pin_generated'
            group by entity_id, org_id`,
      ),
    );
    expect(new Set(rows.map((r) => r.entity_id))).toEqual(new Set(classIds));
    expect(rows.every((r) => r.org_id === s1)).toBe(true);
    const pins = [...first.values()];
    const leaked = await server.database.read((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events a where ${sql.join(
          pins.map((p) => sql`a::text like ${`%${p}%`}`),
          sql` or `,
        )}`,
      ),
    );
    expect(leaked[0].n).toBe(0);
  });
});

describe('a double submit', () => {
  it('replaying the same Idempotency-Key answers 409 and leaves the first set in place', async () => {
    const key = 'double-click-1';
    const body = { schoolId: s1, classLabel: CLASS, mode: 'replace' };
    const firstRes = await generate(c['koord.s1'], body, key);
    expect(firstRes.statusCode).toBe(200);
    const hashes = await pinRows(classIds);
    const again = await generate(c['koord.s1'], body, key);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('pins_already_issued');
    expect(await pinRows(classIds)).toEqual(hashes);
    const { pins } = await slips(firstRes.rawPayload);
    expect((await confirmWith(pins.get('Ēriks Čakste') as string)).statusCode).toBe(200);
  });

  it('two requests at once with one key: one sheet, one 409, the sheet PINs work', async () => {
    const key = 'double-click-2';
    const body = { schoolId: s1, classLabel: CLASS, mode: 'replace' };
    const both = await Promise.all([generate(c['koord.s1'], body, key), generate(c['koord.s1'], body, key)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const sheet = both.find((r) => r.statusCode === 200);
    const { pins } = await slips(sheet?.rawPayload as Buffer);
    expect((await confirmWith(pins.get('Ēriks Čakste') as string)).statusCode).toBe(200);
  });

  it('two "only missing" submissions at once (different keys): one sheet, one 409, the stored PINs are the sheet\'s', async () => {
    const late = [
      await addStudent(c['koord.s1'], s1, 6, ['Vēlā', 'Ābele'], CLASS),
      await addStudent(c['koord.s1'], s1, 8, ['Otrā', 'Ērce'], CLASS),
    ];
    const body = { schoolId: s1, classLabel: CLASS };
    const both = await Promise.all([generate(c['koord.s1'], body), generate(c['koord.s1'], body)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = both.find((r) => r.statusCode === 409);
    expect(['pins_changed', 'pins_none_missing']).toContain(refused?.json().error.code);
    const { pins } = await slips(both.find((r) => r.statusCode === 200)?.rawPayload as Buffer);
    expect([...pins.keys()].sort()).toEqual(['Otrā Ērce', 'Vēlā Ābele']);
    const rows = await pinRows(late);
    const byId = new Map(rows.map((r) => [r.student_id, r.pin_hash]));
    expect(await verifyPassword(byId.get(late[0]) ?? null, pins.get('Vēlā Ābele') as string)).toBe(true);
    expect(await verifyPassword(byId.get(late[1]) ?? null, pins.get('Otrā Ērce') as string)).toBe(true);
  });
});
