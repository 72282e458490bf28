import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createPlanFixture } from '../../../test/factories.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let schoolId: string;
let teacherId: string;
let running: { planId: string; studentId: string; measureId: string };
let cal: TestCalendar;
/** The semester's second month, finished by the test clock's today. */
let MONTH: string;

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  MONTH = addDays(cal.current.startsOn, 31).slice(0, 7);
  for (const who of [
    'admin',
    'koord.s1',
    'direktors.s1',
    'koord.ziemelu',
    'eksperts',
    'skolotajs.s1',
    'koord.s2',
  ])
    c[who] = await server.signIn(who);
  const orgs = (await c.admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
  const semesterId = cal.current.id;
  teacherId = (await c['koord.s1'].get('/api/users?q=skolotajs.s1')).json().items[0].id;
  running = await createPlanFixture(c, {
    schoolId,
    semesterId,
    personalCode: makeOldPersonalCode('2010-06-06', 945),
    firstName: 'Laika',
    lastName: 'Uzskaite',
    classLabel: '10.b',
    grade: 10,
    riskCode: 'L02',
    riskJustification: 'x',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Ķīmija',
      providerId: teacherId,
      plannedHours: 6,
      justification: 'x',
    },
    start: true,
  });
  await c['koord.s1'].request('PUT', `/api/students/${running.studentId}/pin`, { pin: '2468' });
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('monthly timesheets', () => {
  it('counts a confirmed session and preparation hours for the provider', async () => {
    const session = (
      await c['skolotajs.s1'].post('/api/support/sessions', {
        onDate: `${MONTH}-15`,
        startTime: '15:00',
        minutes: 60,
        mode: 'in_person',
        topic: 'Ķīmija',
        participants: [running],
      })
    ).json();
    expect(
      (
        await c['skolotajs.s1'].post(`/api/support/sessions/${session.id}/confirm`, {
          studentId: running.studentId,
          pin: '2468',
        })
      ).statusCode,
    ).toBe(200);
    await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: `${MONTH}-16`,
      startTime: '15:00',
      minutes: 45,
      mode: 'in_person',
      topic: 'Nav apstiprināta',
      participants: [running],
    });
    const entry = await c['koord.s1'].post('/api/timesheets/entries', {
      schoolId,
      month: MONTH,
      providerId: teacherId,
      kind: 'preparation',
      planId: running.planId,
      hours: 2,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const sheet = (await c['koord.s1'].get(`/api/timesheets?schoolId=${schoolId}&month=${MONTH}`)).json();
    const row = sheet.rows.find((r: { providerId: string }) => r.providerId === teacherId);
    expect(row).toMatchObject({
      sessions: 2,
      confirmedHours: 1,
      unconfirmedHours: 0.75,
      preparationHours: 2,
      adjustmentHours: 0,
      totalHours: 3,
    });
    expect(sheet.signedOff).toBeNull();
  });

  it('locks a signed-off month: no new sessions or entries, only visible adjustments with a reason', async () => {
    expect(
      (await c['direktors.s1'].post('/api/timesheets/sign-off', { schoolId, month: MONTH })).statusCode,
    ).toBe(403);
    expect(
      (await c['koord.s1'].post('/api/timesheets/sign-off', { schoolId, month: MONTH })).statusCode,
    ).toBe(200);
    expect(
      (await c['koord.s1'].post('/api/timesheets/sign-off', { schoolId, month: MONTH })).statusCode,
    ).toBe(409);
    const late = await c['skolotajs.s1'].post('/api/support/sessions', {
      onDate: `${MONTH}-20`,
      startTime: '15:00',
      minutes: 45,
      mode: 'in_person',
      topic: 'Vēlu',
      participants: [running],
    });
    expect(late.json().error.code).toBe('month_signed_off');
    expect(
      (
        await c['koord.s1'].post('/api/timesheets/entries', {
          schoolId,
          month: MONTH,
          providerId: teacherId,
          kind: 'preparation',
          hours: 1,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await c['koord.s1'].post('/api/timesheets/entries', {
          schoolId,
          month: MONTH,
          providerId: teacherId,
          kind: 'adjustment',
          hours: -0.5,
        })
      ).statusCode,
    ).toBe(400);
    const adj = await c['koord.s1'].post('/api/timesheets/entries', {
      schoolId,
      month: MONTH,
      providerId: teacherId,
      kind: 'adjustment',
      hours: -0.5,
      reason: 'Nodarbība saīsināta',
    });
    expect(adj.statusCode).toBe(201);
    const sheet = (await c['koord.s1'].get(`/api/timesheets?schoolId=${schoolId}&month=${MONTH}`)).json();
    expect(sheet.signedOff.byName).toBe('Kristīne Koordinatore');
    expect(sheet.rows.find((r: { providerId: string }) => r.providerId === teacherId)).toMatchObject({
      adjustmentHours: -0.5,
      totalHours: 2.5,
    });
    expect(sheet.entries.find((e: { adjustment: boolean }) => e.adjustment)).toMatchObject({
      reason: 'Nodarbība saīsināta',
      hours: -0.5,
    });
  });

  it('exports the month for payroll as XLSX, one sheet per school', async () => {
    await server.database.withTx((tx) =>
      tx.execute(
        sql`update users set employee_id = 'P-17', position = 'Pedagogs' where email like 'skolotajs.s1@%'`,
      ),
    );
    const res = await c['koord.ziemelu'].get(`/api/timesheets.xlsx?month=${MONTH}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        'Ziemeļu novada 1. vidusskola',
        'Ziemeļu novada speciālā pamatskol'.slice(0, 31),
      ]),
    );
    const ws = wb.getWorksheet('Ziemeļu novada 1. vidusskola')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const teacherRow = rows.find((r) => r.includes('Jānis Skolotājs'));
    expect(teacherRow?.slice(1)).toEqual([
      'Jānis Skolotājs',
      'P-17',
      'Pedagogs',
      2,
      1,
      0.75,
      2,
      0,
      -0.5,
      2.5,
    ]);
    // The month in words, a header with the payroll identifiers, hours with two decimals.
    const [year, m] = MONTH.split('-');
    const lvMonths = [
      'janvāris',
      'februāris',
      'marts',
      'aprīlis',
      'maijs',
      'jūnijs',
      'jūlijs',
      'augusts',
      'septembris',
      'oktobris',
      'novembris',
      'decembris',
    ];
    expect(ws.getCell('A1').value).toBe(
      `Ziemeļu novada 1. vidusskola — ${year}. gada ${lvMonths[Number(m) - 1]}`,
    );
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['Sniedzējs', 'Darbinieka numurs', 'Amats']));
    const teacherRowNo = rows.indexOf(teacherRow!) + 1;
    expect(ws.getRow(teacherRowNo).getCell(5).numFmt).toBe('0.00');
    // A totals row: the sum of every provider's hours.
    const data = rows.slice(3, -1);
    const total = rows[rows.length - 1];
    expect(total[1]).toBe('Kopā');
    expect(total[10]).toBeCloseTo(
      data.reduce((a, r) => a + Number(r[10]), 0),
      5,
    );
    // Across schools: a summary sheet first, a row per school and the total of all.
    expect(wb.worksheets[0].name).toBe('Kopsavilkums');
    const summary = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(summary.find((r) => r[1] === 'Ziemeļu novada 1. vidusskola')?.[8]).toBeCloseTo(
      Number(total[10]),
      5,
    );
    expect(summary[summary.length - 1][1]).toBe('Kopā');
    expect(wb.worksheets[0].getRow(4).getCell(3).numFmt).toBe('0.00');
  });

  it('writes a provider’s text that looks like a formula as text (formula injection defused)', async () => {
    await server.database.withTx((tx) =>
      tx.execute(
        sql`update users set employee_id = '=HYPERLINK("http://x.example","a")', position = '@SUM(1)' where email like 'skolotajs.s1@%'`,
      ),
    );
    const res = await c['koord.s1'].get(`/api/timesheets.xlsx?month=${MONTH}&schoolId=${schoolId}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // One school: no summary sheet.
    expect(wb.worksheets).toHaveLength(1);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    const teacherRow = rows.find((r) => r.includes('Jānis Skolotājs'))!;
    expect(teacherRow[2]).toBe(`'=HYPERLINK("http://x.example","a")`);
    expect(teacherRow[3]).toBe("'@SUM(1)");
    // Stored as plain strings, not formulas.
    expect(rows.flat().some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });

  it('keeps another school’s timesheet from a school coordinator', async () => {
    expect((await c['koord.s2'].get(`/api/timesheets?schoolId=${schoolId}&month=${MONTH}`)).statusCode).toBe(
      404,
    );
    expect(
      (await c['skolotajs.s1'].get(`/api/timesheets?schoolId=${schoolId}&month=${MONTH}`)).statusCode,
    ).toBe(404);
  });
});
