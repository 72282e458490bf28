import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';

let server: TestServer;
let koordS1: TestClient;
let schoolId: string;
let municipalityId: string;
let semesterId: string;
let studentId: string;
let cal: TestCalendar;
/** A school day of the current semester as the e-journal writes it: the Monday of `week`, plus days. */
const d = (week: number, plus = 0) => cal.lv(cal.weekday(week, plus));
const code = makeOldPersonalCode('2012-04-04', 950);
const pc = `${code.slice(0, 6)}-${code.slice(6)}`;

function csv(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}
// Hand-computed fixture (the demo's current semester; d(week, day) counts from its first Monday): unjustified
// 5 + 7 + 7 + 2 = 21 lessons, the 21st on the Monday of week 3;
// justified 6 (a day ill); present 7 → attendance 7 / (7 + 21 + 6) = 0.206.
const ATTENDANCE = () =>
  csv([
    'Personas kods;Datums;Stunda;Stundu skaits;Priekšmets;Kavējuma veids',
    ...[1, 2, 3, 4, 5].map((l) => `${pc};${d(0)};${l};;Matemātika;n`),
    `${pc};${d(0, 1)};;6;;s`,
    ...[1, 2, 3, 4, 5, 6, 7].map((l) => `${pc};${d(1)};${l};;;n`),
    ...[1, 2, 3, 4, 5, 6, 7].map((l) => `${pc};${d(2)};${l};;;N`),
    `${pc};${d(3)};1;;;n`,
    `${pc};${d(3)};2;;;neattaisnots`,
    ...[1, 2, 3, 4, 5, 6, 7].map((l) => `${pc};${d(3, 1)};${l};;;+`),
  ]);
// Marks now: mathematics 3 then nv, Latvian 6 then 2 → both subjects' latest marks are low (2 subjects);
// average (3 + 6 + 2) / 3 = 3.67. Last semester 6 and 7 → 6.50.
const MARKS = () =>
  csv([
    'Personas kods;Datums;Priekšmets;Vērtējums',
    `${pc};${d(0, 3)};Matemātika;3`,
    `${pc};${d(1, 3)};Matemātika;nv`,
    `${pc};${d(0, 4)};Latviešu valoda;6`,
    `${pc};${d(1, 4)};Latviešu valoda;2`,
    `${pc};${cal.lv(addDays(cal.previous.startsOn, 30))};Matemātika;6`,
    `${pc};${cal.lv(addDays(cal.previous.startsOn, 30))};Latviešu valoda;7`,
  ]);
const BEHAVIOUR = () =>
  csv([
    'Personas kods;Datums;Veids;Piezīme',
    `${pc};${d(1, 1)};negatīva;Traucēja stundu`,
    `${pc};${d(1, 2)};negatīva;Neizpildīja uzdevumu`,
    `${pc};${d(2, 1)};negatīva;Traucēja stundu`,
    `${pc};${d(2, 2)};pozitīva;Palīdzēja klasesbiedram`,
  ]);

async function importFile(kind: string, body: string) {
  return koordS1.request(
    'POST',
    `/api/ejournal/import?schoolId=${schoolId}&kind=${kind}&fileName=${kind}.csv`,
    body,
    { headers: { 'content-type': 'text/csv' } },
  );
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  const admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
  municipalityId = orgs.find((o) => o.code === 'ZIEM')!.id;
  semesterId = cal.current.id;
  studentId = (
    await koordS1.post('/api/students', {
      personalCode: code,
      firstName: 'Pārbaudes',
      lastName: 'Skolēns',
      schoolId,
      classLabel: '8.a',
      grade: 8,
    })
  ).json().id;
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('e-journal import and indicators', () => {
  it('imports attendance, marks and behaviour files and computes the indicators as by hand', async () => {
    const a = await importFile('attendance', ATTENDANCE());
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ rows: 29, inserted: 29, updated: 0, unchanged: 0 });
    expect((await importFile('marks', MARKS())).json()).toMatchObject({ inserted: 6 });
    expect((await importFile('behaviour', BEHAVIOUR())).json()).toMatchObject({ inserted: 4 });
    const ind = (await koordS1.get(`/api/students/${studentId}/indicators?semesterId=${semesterId}`)).json();
    expect(ind).toMatchObject({
      unjustifiedLessons: 21,
      justifiedLessons: 6,
      otherLessons: 0,
      presentLessons: 7,
      attendanceRate: 0.206,
      lowMarks: 2,
      markAverage: 3.67,
      previousAverage: 6.5,
      behaviourNotes: 3,
      legalDuty: { crossedOn: cal.weekday(3), informedOn: null },
    });
    // The fall of the average is switched off by default (issue 15).
    expect(ind.flags.map((f: { key: string }) => f.key)).toEqual([
      'unjustified',
      'attendance',
      'low_marks',
      'behaviour',
    ]);
    // 21 takes the singular in Latvian (1, 21, 31 … but not 11).
    expect(ind.flags[0].message).toBe('21 neattaisnoti kavēta stunda šajā semestrī; vairāk nekā 20');
    expect(ind.flags[2].message).toBe('2 mācību priekšmeti ar pēdējo vērtējumu zem 4 vai „nv”; 1 vai vairāk');
  });

  it('changes nothing when the same files are imported again', async () => {
    expect((await importFile('attendance', ATTENDANCE())).json()).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 29,
    });
    expect((await importFile('marks', MARKS())).json()).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 6,
    });
    expect((await importFile('behaviour', BEHAVIOUR())).json()).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 4,
    });
    const ind = (await koordS1.get(`/api/students/${studentId}/indicators?semesterId=${semesterId}`)).json();
    expect(ind.unjustifiedLessons).toBe(21);
  });

  it('imports nothing from a file with a bad row and names the row', async () => {
    const bad = csv([
      'Personas kods;Datums;Stunda;Kavējuma veids',
      `${pc};${d(4)};1;n`,
      `${pc};${d(4, 1)};2;x`,
      `${pc};31.09.2026;1;n`,
    ]);
    const res = await importFile('attendance', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ejournal_has_errors');
    expect(res.json().error.details).toEqual([
      { path: 'row.3.reason', message: 'Nezināms kavējuma veids (jābūt n, a, s, c vai +).' },
      { path: 'row.4.date', message: 'Nederīgs datums (dd.mm.gggg).' },
    ]);
    const ind = (await koordS1.get(`/api/students/${studentId}/indicators?semesterId=${semesterId}`)).json();
    expect(ind.unjustifiedLessons).toBe(21);
  });

  it('refuses a student of another school in the file', async () => {
    const s2 = await server.signIn('koord.s2');
    const other = (await s2.get('/api/students?pageSize=1')).json().items[0];
    const otherCode = (await s2.post(`/api/students/${other.id}/reveal-code`)).json().personalCode;
    const res = await importFile(
      'attendance',
      csv(['Personas kods;Datums;Stunda;Kavējuma veids', `${otherCode};${d(4)};1;n`]),
    );
    expect(res.json().error.details[0]).toMatchObject({ path: 'row.2.personalCode' });
  });

  it('puts the student on the school’s watch list with the reasons, and exports it', async () => {
    const res = await koordS1.get(
      `/api/watch-list?schoolId=${schoolId}&semesterId=${semesterId}&pageSize=500`,
    );
    const items = res.json().items as { studentId: string; flags: { key: string }[]; assessed: boolean }[];
    const mine = items.find((i) => i.studentId === studentId);
    expect(mine?.flags.map((f) => f.key)).toEqual(['unjustified', 'attendance', 'low_marks', 'behaviour']);
    expect(items[0].flags.length).toBeGreaterThanOrEqual(items[items.length - 1].flags.length);
    expect(items.every((i) => i.flags.length > 0)).toBe(true);
    const only = await koordS1.get(
      `/api/watch-list?schoolId=${schoolId}&semesterId=${semesterId}&flag=behaviour&pageSize=500`,
    );
    expect(
      only
        .json()
        .items.every((i: { flags: { key: string }[] }) => i.flags.some((f) => f.key === 'behaviour')),
    ).toBe(true);
    const xlsx = await koordS1.get(`/api/watch-list.xlsx?schoolId=${schoolId}&semesterId=${semesterId}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('records the notice to the municipality once, not before the 21st lesson', async () => {
    const early = await koordS1.post(`/api/students/${studentId}/legal-duty`, {
      semesterId,
      informedOn: cal.weekday(2, 6),
    });
    expect(early.statusCode).toBe(400);
    const ok = await koordS1.post(`/api/students/${studentId}/legal-duty`, {
      semesterId,
      informedOn: cal.weekday(3, 2),
    });
    expect(ok.statusCode).toBe(201);
    const ind = (await koordS1.get(`/api/students/${studentId}/indicators?semesterId=${semesterId}`)).json();
    expect(ind.legalDuty).toEqual({ crossedOn: cal.weekday(3), informedOn: cal.weekday(3, 2) });
    expect(
      (
        await koordS1.post(`/api/students/${studentId}/legal-duty`, {
          semesterId,
          informedOn: cal.weekday(3, 2),
        })
      ).statusCode,
    ).toBe(409);
  });

  it('applies a municipality’s own thresholds', async () => {
    const koord = await server.signIn('koord.ziemelu');
    const current = (await koord.get(`/api/organisations/${municipalityId}/thresholds`)).json();
    expect(current).toMatchObject({
      unjustifiedLessons: 20,
      lowMarks: 1,
      disabledFlags: ['average_drop'],
      inherited: true,
    });
    const url = `/api/organisations/${municipalityId}/thresholds`;
    const body = { ...current, organisationId: undefined, inherited: undefined };
    // Without disabledFlags (a client from before issue 15) the list in force stays.
    const { disabledFlags: _, ...older } = body;
    const set = await koord.request('PUT', url, { ...older, unjustifiedLessons: 25 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      unjustifiedLessons: 25,
      disabledFlags: ['average_drop'],
      inherited: false,
    });
    const flagsNow = async () =>
      (await koordS1.get(`/api/students/${studentId}/indicators?semesterId=${semesterId}`)).json().flags as {
        key: string;
        message: string;
      }[];
    expect((await flagsNow()).map((f) => f.key)).not.toContain('unjustified');
    // The fall of the average switched on, attendance and behaviour off.
    const on = await koord.request('PUT', url, {
      ...body,
      unjustifiedLessons: 25,
      disabledFlags: ['behaviour', 'attendance'],
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().disabledFlags).toEqual(['attendance', 'behaviour']);
    expect((await flagsNow()).map((f) => f.key)).toEqual(['low_marks', 'average_drop']);
    expect((await flagsNow())[1].message).toBe(
      'Vidējais vērtējums krities no 6,50 uz 3,67; par 1,0 vai vairāk',
    );
    for (const disabledFlags of [['often'], ['behaviour', 'behaviour'], 'behaviour', [1]]) {
      const bad = await koord.request('PUT', url, { ...body, disabledFlags });
      expect(bad.statusCode, JSON.stringify(disabledFlags)).toBe(400);
    }
    const repeated = await koord.request('PUT', url, { ...body, disabledFlags: ['behaviour', 'behaviour'] });
    expect(repeated.json().error.details).toEqual([
      { path: 'disabledFlags', message: 'Katru pazīmi var izslēgt tikai vienreiz.' },
    ]);
    const back = await koord.request('PUT', url, { ...body, unjustifiedLessons: 25 });
    expect(back.json().disabledFlags).toEqual(['average_drop']);
    // Another municipality's thresholds are not this coordinator's: 404 for reading and writing.
    const admin = await server.signIn('admin');
    const orgs = (await admin.get('/api/organisations')).json().items as { id: string; type: string }[];
    const other = orgs.find((o) => o.type === 'municipality' && o.id !== municipalityId);
    if (!other) throw new Error('no other municipality');
    expect((await koord.get(`/api/organisations/${other.id}/thresholds`)).statusCode).toBe(404);
    expect(
      (
        await koord.request('PUT', `/api/organisations/${other.id}/thresholds`, {
          ...body,
          disabledFlags: [],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await koordS1.request('PUT', `/api/organisations/${municipalityId}/thresholds`, current)).statusCode,
    ).toBe(404);
  });

  it('counts the school’s flagged students for the start page', async () => {
    const sum = (
      await koordS1.get(`/api/watch-list/summary?schoolId=${schoolId}&semesterId=${semesterId}`)
    ).json();
    expect(sum.studentsWithData).toBe(701);
    expect(sum.flagged).toBeGreaterThan(0);
    expect(sum.flagged / sum.studentsWithData).toBeGreaterThan(0.03);
    expect(sum.flagged / sum.studentsWithData).toBeLessThan(0.2);
  });

  it('draws the charts from weekly absences and marks', async () => {
    const charts = (await koordS1.get(`/api/students/${studentId}/charts?semesterId=${semesterId}`)).json();
    expect(
      charts.absences.map((a: { weekStart: string; cumulativeUnjustified: number }) => [
        a.weekStart,
        a.cumulativeUnjustified,
      ]),
    ).toEqual([
      [cal.weekday(0), 5],
      [cal.weekday(1), 12],
      [cal.weekday(2), 19],
      [cal.weekday(3), 21],
    ]);
    expect(charts.marks).toHaveLength(4);
    expect(charts.thresholds).toEqual({ unjustifiedLessons: 25, lowMark: 4 });
  });

  it('keeps the watch list from teachers, partners and auditors', async () => {
    for (const who of ['skolotajs.s1', 'socdienests.ziemelu', 'auditors']) {
      expect((await (await server.signIn(who)).get('/api/watch-list')).statusCode, who).toBe(403);
    }
  });
});

describe('risk records', () => {
  it('records two risks with justifications; the student counts as assessed', async () => {
    const catalogue = (await koordS1.get('/api/risk-catalogue')).json().items as {
      id: string;
      code: string;
      riskType: string;
    }[];
    expect(catalogue.filter((c) => c.riskType === 'family').length).toBeGreaterThanOrEqual(5);
    const l01 = catalogue.find((c) => c.code === 'L01')!;
    const f04 = catalogue.find((c) => c.code === 'F04')!;
    for (const item of [l01, f04]) {
      const res = await koordS1.post(`/api/students/${studentId}/risks`, {
        semesterId,
        riskItemId: item.id,
        justification: 'Pamatojums pārbaudei',
        foundOn: cal.weekday(3, 3),
      });
      expect(res.statusCode).toBe(201);
    }
    expect(
      (
        await koordS1.post(`/api/students/${studentId}/risks`, {
          semesterId,
          riskItemId: l01.id,
          justification: 'Atkārtoti',
          foundOn: cal.weekday(3, 3),
        })
      ).statusCode,
    ).toBe(409);
    const list = (await koordS1.get(`/api/students/${studentId}/risks`)).json();
    expect(list.items).toHaveLength(2);
    expect(list.items.every((r: { restricted: boolean }) => !r.restricted)).toBe(true);
    const wl = (
      await koordS1.get(`/api/watch-list?schoolId=${schoolId}&semesterId=${semesterId}&pageSize=500`)
    ).json().items;
    expect(wl.find((i: { studentId: string }) => i.studentId === studentId).assessed).toBe(true);
  });

  it('hides the family risk’s detail from an assigned teacher but shows that it exists', async () => {
    const users = (await koordS1.get('/api/users?q=skolotajs.s1')).json().items;
    await koordS1.post(`/api/students/${studentId}/assignments`, { userId: users[0].id });
    const teacher = await server.signIn('skolotajs.s1');
    const list = (await teacher.get(`/api/students/${studentId}/risks`)).json();
    const family = list.items.find((r: { riskType: string }) => r.riskType === 'family');
    expect(family).toMatchObject({ restricted: true, nameLv: null, justification: null });
    const learning = list.items.find((r: { riskType: string }) => r.riskType === 'learning');
    expect(learning).toMatchObject({ restricted: false, riskCode: 'L01' });
    expect(list.canRecord).toBe(false);
  });

  it('lets the national admin reword a risk; old records keep the old wording', async () => {
    const admin = await server.signIn('admin');
    const l01 = (await admin.get('/api/risk-catalogue'))
      .json()
      .items.find((c: { code: string }) => c.code === 'L01');
    const res = await admin.request('PUT', `/api/risk-catalogue/${l01.id}`, {
      nameLv: 'Neattaisnoti kavējumi (jauns)',
      nameEn: 'Unjustified absences (new)',
    });
    expect(res.json()).toMatchObject({ version: 2, nameLv: 'Neattaisnoti kavējumi (jauns)' });
    const list = (await koordS1.get(`/api/students/${studentId}/risks`)).json();
    expect(list.items.find((r: { riskCode: string }) => r.riskCode === 'L01').nameLv).toBe(
      'Neattaisnoti mācību kavējumi',
    );
    expect(
      (await koordS1.request('PUT', `/api/risk-catalogue/${l01.id}`, { nameLv: 'x', nameEn: 'y' }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses a retired risk for new records but keeps it readable', async () => {
    const admin = await server.signIn('admin');
    const f04 = (await admin.get('/api/risk-catalogue'))
      .json()
      .items.find((c: { code: string }) => c.code === 'F04');
    expect(
      (await admin.post(`/api/risk-catalogue/${f04.id}/retired`, { retired: true })).json().retired,
    ).toBe(true);
    const other = (
      await koordS1.post('/api/students', {
        personalCode: makeOldPersonalCode('2012-05-05', 951),
        firstName: 'A',
        lastName: 'B',
        schoolId,
        classLabel: '8.a',
        grade: 8,
      })
    ).json().id;
    const res = await koordS1.post(`/api/students/${other}/risks`, {
      semesterId,
      riskItemId: f04.id,
      justification: 'x',
      foundOn: cal.weekday(3, 3),
    });
    expect(res.json().error.code).toBe('risk_retired');
    const list = (await koordS1.get(`/api/students/${studentId}/risks`)).json();
    expect(list.items.find((r: { riskCode: string }) => r.riskCode === 'F04')).toBeDefined();
  });
});
