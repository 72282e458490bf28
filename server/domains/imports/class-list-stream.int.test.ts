import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNewPersonalCode } from '../../../common/personal-code.ts';
import { organisationIdsByCode } from '../../../test/factories.ts';
import { type ClassListRow, classListCsv, classListRows } from '../../../test/fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
let koordS1: TestClient;
let schoolId: string;

beforeAll(async () => {
  server = await createTestServer();
  koordS1 = await server.signIn('koord.s1');
  schoolId = (await organisationIdsByCode(await server.signIn('admin')))['ZIEM-S1'];
});
afterAll(() => server.close());

function upload(content: Buffer | string, fileName = 'klase.csv') {
  return koordS1.request(
    'POST',
    `/api/imports/students?schoolId=${schoolId}&fileName=${encodeURIComponent(fileName)}`,
    content,
    { headers: { 'content-type': 'text/csv' } },
  );
}

/** `n` rows with new-form codes (`classListRows` runs out of birth-date codes past ~35,000 rows). */
function largeClassList(n: number, base: number): ClassListRow[] {
  const used = new Set<string>();
  const rows: ClassListRow[] = [];
  for (let seq = base; rows.length < n; seq++) {
    const code = makeNewPersonalCode(seq);
    if (used.has(code)) continue;
    used.add(code);
    const i = rows.length;
    rows.push({
      personalCode: `${code.slice(0, 6)}-${code.slice(6)}`,
      firstName: ['Anna', 'Jānis', 'Līga', 'Roberts'][i % 4],
      lastName: `Liela${i % 97}`,
      classLabel: `${1 + (i % 12)}.${'abc'[i % 3]}`,
    });
  }
  return rows;
}

async function auditCount(action: string, requestIdLike = '%'): Promise<number> {
  const [row] = await server.database.read((db) =>
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where action = ${action} and org_id = ${schoolId} and coalesce(request_id, '') like ${requestIdLike}`,
    ),
  );
  return Number(row.n);
}

describe('the class-list import streamed through a staging table', () => {
  it('imports a list larger than the old 50,000-row cap, with one audit row per student', async () => {
    const before = await auditCount('student.create');
    const rows = largeClassList(52_000, 93_000_000);
    const up = await upload(classListCsv(rows));
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().rowCount).toBe(52_000);
    const { importId, mapping } = up.json();
    const preview = await koordS1.post(`/api/imports/${importId}/preview`, { mapping });
    expect(preview.json().counts).toEqual({ new: 52_000, changed: 0, unchanged: 0, error: 0, excluded: 0 });
    expect(preview.json().rows).toHaveLength(1000);
    expect(preview.json().truncated).toBe(true);
    expect(preview.json().rows[0]).toMatchObject({
      rowNumber: 2,
      status: 'new',
      firstName: rows[0].firstName,
    });
    const commit = await koordS1.post(`/api/imports/${importId}/commit`, { mapping });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toEqual({ created: 52_000, updated: 0, unchanged: 0, excluded: 0 });
    expect(await auditCount('student.create')).toBe(before + 52_000);
    const again = await upload(classListCsv(rows));
    const p2 = await koordS1.post(`/api/imports/${again.json().importId}/preview`, { mapping });
    expect(p2.json().counts).toMatchObject({ new: 0, unchanged: 52_000 });
  }, 240_000);

  it('marks the second row of a repeated code, skips excluded rows in the repeat check, and names changed fields', async () => {
    const rows = classListRows(6, 42);
    const first = await upload(classListCsv(rows.slice(0, 3)));
    const c1 = await koordS1.post(`/api/imports/${first.json().importId}/commit`, {
      mapping: first.json().mapping,
    });
    expect(c1.json().created).toBe(3);
    const file = [...rows];
    file[1] = { ...file[1], lastName: 'Pārmainīta', classLabel: file[1].classLabel.replace(/[ab]$/, 'c') };
    // Row 8 repeats row 7's code; row 9 repeats row 2's code, but row 2 is excluded.
    file.push({ ...rows[5], firstName: 'Cits' });
    file.push({ ...rows[0] });
    const up = await upload(classListCsv(file));
    const { importId, mapping } = up.json();
    const preview = await koordS1.post(`/api/imports/${importId}/preview`, { mapping, excludedRows: [2] });
    expect(preview.json().counts).toEqual({ new: 3, changed: 1, unchanged: 2, error: 1, excluded: 1 });
    const byRow = new Map(
      preview.json().rows.map((r: { rowNumber: number }) => [r.rowNumber, r] as const),
    ) as Map<number, { status: string; errors: { code: string }[]; changedFields: string[] }>;
    expect(preview.json().rows[0].rowNumber).toBe(8);
    expect(byRow.get(8)?.errors[0].code).toBe('personal_code_duplicate_row');
    expect(byRow.get(9)?.status).toBe('unchanged');
    expect(byRow.get(3)?.changedFields.sort()).toEqual(['classLabel', 'lastName']);
    expect(byRow.get(2)?.status).toBe('excluded');
    const report = await koordS1.get(`/api/imports/${importId}/errors.csv`);
    expect(report.body.trim().split('\r\n')).toHaveLength(2);
    expect(report.body).toContain('8;"Personas kods";');
    const refused = await koordS1.post(`/api/imports/${importId}/commit`, { mapping, excludedRows: [2] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(['row.8']);
    const done = await koordS1.post(`/api/imports/${importId}/commit`, { mapping, excludedRows: [2, 8] });
    expect(done.json()).toEqual({ created: 3, updated: 1, unchanged: 2, excluded: 2 });
    const found = await koordS1.get('/api/students?q=Pārmainīta&pageSize=10');
    expect(found.json().items.map((s: { classLabel: string }) => s.classLabel)).toEqual([file[1].classLabel]);
  }, 60_000);

  it('refuses a body sent as JSON with 415 and leaves no import behind', async () => {
    const res = await koordS1.request(
      'POST',
      `/api/imports/students?schoolId=${schoolId}&fileName=a.csv`,
      { a: 1 },
      { headers: { 'content-type': 'application/json' } },
    );
    expect(res.statusCode).toBe(415);
  });
});
