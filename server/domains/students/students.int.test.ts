import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { minimalPdf } from '../../../test/scan-samples.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { today } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';

/** A date `n` days before today (the clock's). */
const daysAgo = (n: number) => addDays(today(), -n);

let server: TestServer;
let admin: TestClient;
let koordS1: TestClient;
let schools: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  schools = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
});
afterAll(() => server.close());

const pdf = minimalPdf();

describe('student list', () => {
  it('shows the school’s 700 demo students with masked codes, 50 a page', async () => {
    const res = await koordS1.get(`/api/students?schoolId=${schools['ZIEM-S1']}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(700);
    expect(res.json().items).toHaveLength(50);
    expect(
      res
        .json()
        .items.every((s: { applicationInForce: boolean }) => typeof s.applicationInForce === 'boolean'),
    ).toBe(true);
    for (const s of res.json().items) expect(s.personalCodeMasked).toMatch(/^\d{6}-\*{5}$/);
    const withoutIds = res
      .json()
      .items.map(({ id, schoolId, ...rest }: { id: string; schoolId: string }) => rest);
    expect(JSON.stringify(withoutIds)).not.toMatch(/\d{6}-?\d{5}/);
  });

  it('shows a school coordinator no student of another school, even without a school filter', async () => {
    const all = await koordS1.get('/api/students?pageSize=200');
    expect(all.json().total).toBe(700);
    expect(new Set(all.json().items.map((s: { schoolId: string }) => s.schoolId))).toEqual(
      new Set([schools['ZIEM-S1']]),
    );
  });

  it('filters by class and sorts by name descending', async () => {
    const res = await koordS1.get('/api/students?classLabel=7.a&sort=name&dir=desc&pageSize=200');
    const items = res.json().items as { classLabel: string; lastName: string }[];
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((s) => s.classLabel === '7.a')).toBe(true);
    const names = items.map((s) => s.lastName);
    expect([...names].sort((a, b) => b.localeCompare(a, 'lv', { sensitivity: 'base' }))[0]).toBe(names[0]);
  });

  it('finds a student by a personal-code prefix and by name prefix', async () => {
    const first = (await koordS1.get('/api/students?pageSize=1')).json().items[0];
    const code = (await koordS1.post(`/api/students/${first.id}/reveal-code`)).json().personalCode as string;
    const byCode = await koordS1.get(`/api/students?q=${code.slice(0, 8)}`);
    expect(byCode.json().items.map((s: { id: string }) => s.id)).toContain(first.id);
    const byName = await koordS1.get(
      `/api/students?q=${encodeURIComponent(first.lastName.slice(0, 4).toLowerCase())}&pageSize=200`,
    );
    expect(byName.json().items.map((s: { id: string }) => s.id)).toContain(first.id);
  });

  it('sorts names in Latvian alphabetical order', async () => {
    const names = ['Žagars', 'Zariņa', 'Ābols', 'Azis', 'Čakste', 'Celms'];
    for (const [i, lastName] of names.entries()) {
      await koordS1.post('/api/students', {
        personalCode: makeOldPersonalCode(`2009-01-${String(i + 1).padStart(2, '0')}`, 930),
        firstName: 'Kārtošana',
        lastName,
        schoolId: schools['ZIEM-S1'],
        classLabel: '12.z',
        grade: 12,
      });
    }
    const res = await koordS1.get('/api/students?classLabel=12.z&sort=name');
    expect(res.json().items.map((s: { lastName: string }) => s.lastName)).toEqual([
      'Ābols',
      'Azis',
      'Celms',
      'Čakste',
      'Zariņa',
      'Žagars',
    ]);
  });

  it('shows a teacher only the students assigned to the teacher or whose running plan names them on a live measure', async () => {
    const teacher = await server.signIn('skolotajs.s1');
    const res = await teacher.get('/api/students?pageSize=200');
    expect(res.statusCode).toBe(200);
    // The demo data: 12 students assigned, 13 more whose plans name the teacher as a provider.
    expect(res.json().total).toBe(25);
    expect(res.json().items).toHaveLength(25);
    const other = (await koordS1.get('/api/students?pageSize=200&sort=name&dir=desc')).json().items as {
      id: string;
    }[];
    const assigned = new Set(res.json().items.map((s: { id: string }) => s.id));
    const notAssigned = other.find((s) => !assigned.has(s.id));
    expect((await teacher.get(`/api/students/${notAssigned?.id}`)).statusCode).toBe(404);
    expect((await teacher.post(`/api/students/${[...assigned][0]}/reveal-code`)).statusCode).toBe(403);
  });

  it('gives a partner and an auditor no student list at all', async () => {
    for (const who of ['socdienests.ziemelu', 'auditors']) {
      const res = await (await server.signIn(who)).get('/api/students');
      expect(res.statusCode, who).toBe(403);
    }
  });

  it('answers 404 for a student of another school and audits the denial', async () => {
    const s2Student = (await admin.get(`/api/students?schoolId=${schools['ZIEM-S2']}&pageSize=1`)).json()
      .items[0];
    const res = await koordS1.get(`/api/students/${s2Student.id}`);
    expect(res.statusCode).toBe(404);
    const audit = await admin.get(`/api/audit?outcome=denied&entityType=student&entityId=${s2Student.id}`);
    expect(audit.json().total).toBe(1);
  });
});

describe('registering and editing a student', () => {
  const code = makeOldPersonalCode('2012-03-15', 421);

  it('registers a student with a hyphenated code, stored normalised and unique nationally', async () => {
    const res = await koordS1.post('/api/students', {
      personalCode: `${code.slice(0, 6)}-${code.slice(6)}`,
      firstName: 'Rūta',
      lastName: 'Ķēniņa',
      schoolId: schools['ZIEM-S1'],
      classLabel: '8.b',
      grade: 8,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      personalCodeMasked: '150312-*****',
      birthDate: '2012-03-15',
      grade: 8,
      applicationInForce: false,
    });
    const again = await (await server.signIn('koord.s5')).post('/api/students', {
      personalCode: code,
      firstName: 'X',
      lastName: 'Y',
      schoolId: schools['DIEN-S5'],
      classLabel: '8.a',
      grade: 8,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].path).toBe('personalCode');
  });

  it('explains a wrong check digit in Latvian next to the field', async () => {
    const bad = code.slice(0, 10) + String((Number(code[10]) + 1) % 10);
    const res = await koordS1.post('/api/students', {
      personalCode: bad,
      firstName: 'A',
      lastName: 'B',
      schoolId: schools['ZIEM-S1'],
      classLabel: '8.b',
      grade: 8,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'personalCode', message: 'Personas koda kontrolcipars nesakrīt — pārbaudiet kodu.' },
    ]);
  });

  it('refuses both a grade and a course, and neither', async () => {
    const base = {
      personalCode: makeOldPersonalCode('2010-01-01', 5),
      firstName: 'A',
      lastName: 'B',
      schoolId: schools['ZIEM-S1'],
      classLabel: '1.k',
    };
    expect((await koordS1.post('/api/students', { ...base, grade: 9, course: 1 })).statusCode).toBe(400);
    expect((await koordS1.post('/api/students', base)).statusCode).toBe(400);
  });

  it('does not let a school coordinator register a student in another school', async () => {
    const res = await koordS1.post('/api/students', {
      personalCode: makeOldPersonalCode('2010-01-02', 6),
      firstName: 'A',
      lastName: 'B',
      schoolId: schools['ZIEM-S2'],
      classLabel: '9.a',
      grade: 9,
    });
    expect(res.statusCode).toBe(404);
  });

  it('reveals the whole code only as a separate, audited action', async () => {
    const id = (await koordS1.get(`/api/students?q=${code}`)).json().items[0].id;
    const detail = await koordS1.get(`/api/students/${id}`);
    expect(JSON.stringify(detail.json())).not.toContain(code.slice(6));
    const reveal = await koordS1.post(`/api/students/${id}/reveal-code`);
    expect(reveal.json().personalCode).toBe(`${code.slice(0, 6)}-${code.slice(6)}`);
    const audit = await admin.get(`/api/audit?action=student.reveal_code&entityId=${id}`);
    expect(audit.json().total).toBe(1);
  });

  it('records that a student left, with date and reason', async () => {
    const id = (await koordS1.get(`/api/students?q=${code}`)).json().items[0].id;
    expect((await koordS1.patch(`/api/students/${id}`, { status: 'left' })).statusCode).toBe(400);
    const res = await koordS1.patch(`/api/students/${id}`, {
      status: 'left',
      statusDate: daysAgo(11),
      statusReason: 'Pārcēlās uz ārzemēm',
    });
    expect(res.json()).toMatchObject({ status: 'left', statusDate: daysAgo(11) });
  });
});

describe('guardians and applications', () => {
  let studentId: string;
  beforeAll(async () => {
    const res = await koordS1.post('/api/students', {
      personalCode: makeOldPersonalCode('2013-06-01', 77),
      firstName: 'Toms',
      lastName: 'Liepa',
      schoolId: schools['ZIEM-S1'],
      classLabel: '7.a',
      grade: 7,
    });
    studentId = res.json().id;
  });

  it('adds a guardian and an application signed by that guardian, which is then in force', async () => {
    const g = await koordS1.post(`/api/students/${studentId}/guardians`, {
      firstName: 'Inga',
      lastName: 'Liepa',
      relation: 'mother',
      phone: '+371 29123456',
    });
    expect(g.statusCode).toBe(201);
    const guardianId = g.json().guardians[0].id;
    const a = await koordS1.post(`/api/students/${studentId}/applications`, {
      signedOn: '2026-09-05',
      signerType: 'guardian',
      guardianId,
      documentRef: 'IES-7',
    });
    expect(a.statusCode).toBe(201);
    expect(a.json().applicationInForce).toBe(true);
    expect(a.json().applications[0]).toMatchObject({
      signerName: 'Inga Liepa',
      inForce: true,
      scope: 'participation_and_data',
    });
  });

  it('refuses a minor signing for themselves', async () => {
    const res = await koordS1.post(`/api/students/${studentId}/applications`, {
      signedOn: '2026-09-05',
      signerType: 'student',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('adult_required');
  });

  it('stores a PDF scan, serves it back, and refuses a file whose content is not what it claims', async () => {
    const appId = (await koordS1.get(`/api/students/${studentId}`)).json().applications[0].id;
    const put = await koordS1.request(
      'PUT',
      `/api/students/${studentId}/applications/${appId}/scan?fileName=iesniegums.pdf`,
      pdf,
      { headers: { 'content-type': 'application/pdf' } },
    );
    expect(put.statusCode).toBe(200);
    expect(put.json().applications[0].file).toMatchObject({
      name: 'iesniegums.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const get = await koordS1.get(`/api/students/${studentId}/applications/${appId}/scan`);
    expect(get.statusCode).toBe(200);
    expect(get.rawPayload.equals(pdf)).toBe(true);
    const fake = await koordS1.request(
      'PUT',
      `/api/students/${studentId}/applications/${appId}/scan?fileName=x.pdf`,
      Buffer.from('<html>not a pdf</html>'),
      { headers: { 'content-type': 'application/pdf' } },
    );
    expect(fake.statusCode).toBe(415);
    const exe = await koordS1.request(
      'PUT',
      `/api/students/${studentId}/applications/${appId}/scan?fileName=x.exe`,
      Buffer.from('MZ....'),
      { headers: { 'content-type': 'application/x-msdownload' } },
    );
    expect(exe.statusCode).toBe(415);
  });

  it('refuses a scan over 5 MB with 413', async () => {
    const appId = (await koordS1.get(`/api/students/${studentId}`)).json().applications[0].id;
    const big = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const res = await koordS1.request(
      'PUT',
      `/api/students/${studentId}/applications/${appId}/scan?fileName=big.pdf`,
      big,
      { headers: { 'content-type': 'application/pdf' } },
    );
    expect(res.statusCode).toBe(413);
  });

  it('withdraws the application: no longer in force, still on record', async () => {
    const appId = (await koordS1.get(`/api/students/${studentId}`)).json().applications[0].id;
    const res = await koordS1.post(`/api/students/${studentId}/applications/${appId}/withdraw`, {
      withdrawnOn: new Date().toISOString().slice(0, 10),
      reason: 'Vecāki atsauca',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().applicationInForce).toBe(false);
    expect(res.json().applications).toHaveLength(1);
    expect(
      (
        await koordS1.post(`/api/students/${studentId}/applications/${appId}/withdraw`, {
          withdrawnOn: daysAgo(2),
        })
      ).statusCode,
    ).toBe(409);
  });

  it('keeps a guardian who signed an application', async () => {
    const d = (await koordS1.get(`/api/students/${studentId}`)).json();
    expect(
      (await koordS1.delete(`/api/students/${studentId}/guardians/${d.guardians[0].id}`)).statusCode,
    ).toBe(409);
  });
});

describe('school moves', () => {
  it('moves a student to a school of another municipality: the old school loses access, the new one gains it', async () => {
    const teacher = await server.signIn('skolotajs.s1');
    const assigned = (await teacher.get('/api/students')).json().items[0];
    const res = await koordS1.post(`/api/students/${assigned.id}/move`, {
      toSchoolId: schools['DIEN-S5'],
      movedOn: daysAgo(6),
      classLabel: '8.c',
      grade: 8,
      reason: 'Ģimene pārcēlās',
    });
    expect(res.statusCode).toBe(200);
    expect((await koordS1.get(`/api/students/${assigned.id}`)).statusCode).toBe(404);
    expect((await teacher.get(`/api/students/${assigned.id}`)).statusCode).toBe(404);
    const koordS5 = await server.signIn('koord.s5');
    const seen = await koordS5.get(`/api/students/${assigned.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ schoolId: schools['DIEN-S5'], classLabel: '8.c', assignedStaff: [] });
    expect(seen.json().moves[0]).toMatchObject({
      movedOn: daysAgo(6),
      fromSchoolName: 'Ziemeļu novada 1. vidusskola',
      toSchoolName: 'Dienvidu novada ģimnāzija',
    });
    const audit = await (await server.signIn('koord.dienvidu')).get(
      `/api/audit?action=student.move_in&entityId=${assigned.id}`,
    );
    expect(audit.json().total).toBe(1);
  });

  it('assigns a teacher of the school to a student, and refuses staff of another school', async () => {
    const student = (await koordS1.get('/api/students?sort=name&dir=desc')).json().items[0];
    const users = (await koordS1.get('/api/users?q=skolotajs2.s1')).json().items;
    const ok = await koordS1.post(`/api/students/${student.id}/assignments`, { userId: users[0].id });
    expect(ok.statusCode).toBe(201);
    const other = (await admin.get('/api/users?q=skolotajs.s2')).json().items[0];
    expect(
      (await koordS1.post(`/api/students/${student.id}/assignments`, { userId: other.id })).statusCode,
    ).toBe(404);
  });
});
