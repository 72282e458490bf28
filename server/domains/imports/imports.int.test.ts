import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classListCsv, classListRows, encodeWindows1257 } from '../../../test/fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
let koordS1: TestClient;
let schoolId: string;

beforeAll(async () => {
  server = await createTestServer();
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await (await server.signIn('admin')).get('/api/organisations')).json().items as {
    id: string;
    code: string;
  }[];
  schoolId = orgs.find((o) => o.code === 'ZIEM-S1')!.id;
});
afterAll(() => server.close());

async function upload(content: Buffer | string, fileName = 'klase.csv', type = 'text/csv') {
  return koordS1.request(
    'POST',
    `/api/imports/students?schoolId=${schoolId}&fileName=${encodeURIComponent(fileName)}`,
    content,
    { headers: { 'content-type': type } },
  );
}
async function studentTotal(): Promise<number> {
  return (await koordS1.get(`/api/students?schoolId=${schoolId}&pageSize=1`)).json().total;
}

describe('class-list import', () => {
  it('guesses the mapping from Latvian headers and previews new rows', async () => {
    const up = await upload(classListCsv(classListRows(10, 1)));
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ rowCount: 10, delimiter: ';', encoding: 'utf-8', format: 'csv' });
    expect(up.json().mapping).toMatchObject({
      personalCode: 'Personas kods',
      firstName: 'Vārds',
      lastName: 'Uzvārds',
      classLabel: 'Klase',
      birthDate: 'Dzimšanas datums',
    });
    const preview = await koordS1.post(`/api/imports/${up.json().importId}/preview`, {
      mapping: up.json().mapping,
    });
    expect(preview.json().counts).toEqual({ new: 10, changed: 0, unchanged: 0, error: 0, excluded: 0 });
  });

  it('commits nothing while bad rows remain, names them, then commits once they are excluded', async () => {
    const rows = classListRows(20, 2);
    rows[3].personalCode = `${rows[3].personalCode.slice(0, 11)}${(Number(rows[3].personalCode.slice(11)) + 1) % 10}`;
    rows[8].firstName = '';
    const before = await studentTotal();
    const up = await upload(classListCsv(rows));
    const { importId, mapping } = up.json();
    const preview = await koordS1.post(`/api/imports/${importId}/preview`, { mapping });
    expect(preview.json().counts).toMatchObject({ new: 18, error: 2 });
    const errorRows = preview.json().rows.filter((r: { status: string }) => r.status === 'error');
    expect(errorRows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([5, 10]);
    expect(errorRows[0].errors[0]).toMatchObject({ field: 'personalCode', code: 'personal_code_checksum' });
    expect(errorRows[1].errors[0]).toMatchObject({
      field: 'firstName',
      code: 'required',
      message: 'Obligāts lauks.',
    });
    const refused = await koordS1.post(`/api/imports/${importId}/commit`, { mapping });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('import_has_errors');
    expect(await studentTotal()).toBe(before);
    const report = await koordS1.get(`/api/imports/${importId}/errors.csv`);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body).toContain('5;"Personas kods";');
    expect(report.body).toContain('10;"Vārds";"Obligāts lauks."');
    const committed = await koordS1.post(`/api/imports/${importId}/commit`, {
      mapping,
      excludedRows: [5, 10],
    });
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toEqual({ created: 18, updated: 0, unchanged: 0, excluded: 2 });
    expect(await studentTotal()).toBe(before + 18);
    expect(
      (await koordS1.post(`/api/imports/${importId}/commit`, { mapping, excludedRows: [5, 10] })).statusCode,
    ).toBe(409);
  });

  it('re-importing the same list changes nothing; a changed class shows as changed and updates', async () => {
    const rows = classListRows(20, 2).filter((_, i) => i !== 3 && i !== 8);
    const again = await upload(classListCsv(rows));
    expect(again.json().mappingRemembered).toBe(true);
    const p1 = await koordS1.post(`/api/imports/${again.json().importId}/preview`, {
      mapping: again.json().mapping,
    });
    expect(p1.json().counts).toMatchObject({ new: 0, changed: 0, unchanged: 18 });
    rows[0].classLabel = '9.c';
    const changed = await upload(classListCsv(rows));
    const p2 = await koordS1.post(`/api/imports/${changed.json().importId}/preview`, {
      mapping: changed.json().mapping,
    });
    expect(p2.json().counts).toMatchObject({ changed: 1, unchanged: 17 });
    expect(p2.json().rows.find((r: { status: string }) => r.status === 'changed').changedFields).toContain(
      'classLabel',
    );
    const c = await koordS1.post(`/api/imports/${changed.json().importId}/commit`, {
      mapping: changed.json().mapping,
    });
    expect(c.json()).toMatchObject({ created: 0, updated: 1, unchanged: 17 });
  });

  it('reads a Windows-1257 file with a comma delimiter and keeps the Latvian letters', async () => {
    const rows = classListRows(5, 3).map((r, i) => ({
      ...r,
      firstName: ['Ģirts', 'Ņina', 'Žanis', 'Šarlote', 'Čaklais'][i],
      lastName: 'Kļaviņš-Ūdre',
    }));
    const bytes = encodeWindows1257(classListCsv(rows, ','));
    const up = await upload(bytes);
    expect(up.json()).toMatchObject({ encoding: 'windows-1257', delimiter: ',' });
    expect(up.json().headers).toContain('Vārds');
    const commit = await koordS1.post(`/api/imports/${up.json().importId}/commit`, {
      mapping: up.json().mapping,
    });
    expect(commit.json().created).toBe(5);
    const found = await koordS1.get('/api/students?q=Kļaviņš-Ūdre&pageSize=10');
    expect(
      found
        .json()
        .items.map((s: { firstName: string }) => s.firstName)
        .sort(),
    ).toEqual(['Čaklais', 'Ģirts', 'Ņina', 'Šarlote', 'Žanis']);
  });

  it('imports an XLSX file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Skolēni');
    ws.addRow(['Personas kods', 'Vārds', 'Uzvārds', 'Klase']);
    for (const r of classListRows(4, 4)) ws.addRow([r.personalCode, r.firstName, r.lastName, r.classLabel]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(
      buf,
      'klase.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(up.json()).toMatchObject({ format: 'xlsx', rowCount: 4 });
    const commit = await koordS1.post(`/api/imports/${up.json().importId}/commit`, {
      mapping: up.json().mapping,
    });
    expect(commit.json().created).toBe(4);
  });

  it('asks for a column when a required field is not mapped, and flags a student of another school', async () => {
    const rows = classListRows(3, 5);
    const s2 = await (await server.signIn('koord.s2')).get('/api/students?pageSize=1');
    const otherId = s2.json().items[0].id;
    const otherCode = (
      await (await server.signIn('koord.s2')).post(`/api/students/${otherId}/reveal-code`)
    ).json().personalCode;
    rows[1].personalCode = otherCode;
    const up = await upload(
      classListCsv(rows, ';', ['Personas kods', 'Vārds', 'Uzvārds', 'Skolēna klase', 'Dzimšanas datums']),
    );
    expect(up.json().mapping.classLabel).toBeNull();
    const missing = await koordS1.post(`/api/imports/${up.json().importId}/preview`, {
      mapping: up.json().mapping,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('mapping.classLabel');
    const fixed = await koordS1.post(`/api/imports/${up.json().importId}/preview`, {
      mapping: { ...up.json().mapping, classLabel: 'Skolēna klase' },
    });
    expect(fixed.json().counts).toMatchObject({ new: 2, error: 1 });
    expect(fixed.json().rows[0].errors[0].code).toBe('personal_code_taken');
  });

  it('refuses files that are not class lists with a clear 400', async () => {
    const empty = await upload('Personas kods;Vārds\r\n');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('import_empty');
    const binary = await upload(Buffer.from([0, 1, 2, 3, 4, 5]), 'x.csv', 'application/octet-stream');
    expect(binary.json().error.code).toBe('import_format');
    const brokenZip = await upload(
      Buffer.from('PK\u0003\u0004broken'),
      'x.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(brokenZip.statusCode).toBe(400);
  });

  it('does not let a school 2 coordinator preview a school 1 import, nor a teacher upload', async () => {
    const up = await upload(classListCsv(classListRows(2, 6)));
    const koordS2 = await server.signIn('koord.s2');
    expect(
      (await koordS2.post(`/api/imports/${up.json().importId}/preview`, { mapping: up.json().mapping }))
        .statusCode,
    ).toBe(404);
    const teacher = await server.signIn('skolotajs.s1');
    const res = await teacher.request(
      'POST',
      `/api/imports/students?schoolId=${schoolId}&fileName=a.csv`,
      classListCsv(classListRows(2, 7)),
      { headers: { 'content-type': 'text/csv' } },
    );
    expect(res.statusCode).toBe(403);
  });
});
