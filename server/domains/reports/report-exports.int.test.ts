import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TProgrammeFigures } from '../../../common/api/reports.ts';
import { organisationIdsByCode } from '../../../test/factories.ts';
import { pdfText } from '../../../test/pdf.ts';
import { pinnedCells } from '../../../test/report-attacker.ts';
import { type FigureInput, headlineRows, putFigures } from '../../../test/report-figures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let org: Record<string, string>;
let period: string;
let periods: { code: string; schoolYear: number; semester: number | null }[];
let hyperlinkId: string;
const HYPERLINK = '=HYPERLINK("http://example.com","Sociālais centrs")';

beforeAll(async () => {
  server = await createTestServer();
  for (const a of ['admin', 'auditors', 'koord.ziemelu']) c[a] = await server.signIn(a);
  org = await organisationIdsByCode(c.admin);
  const p = (await c.admin.get('/api/reports/periods')).json();
  period = p.current;
  periods = p.items;
  const created = await c.admin.post('/api/organisations', {
    parentId: org.ZIEM,
    type: 'partner',
    partnerKind: 'ngo',
    name: HYPERLINK,
    code: null,
  });
  expect(created.statusCode, created.body).toBe(201);
  hyperlinkId = created.json().id;
  const flat = (id: string, n: number) =>
    headlineRows(id, { flagged: n, risks: n, plans: n, supported: n, iaps: n });
  const rows: FigureInput[] = [
    ...flat(org.LV, 53),
    ...flat(org.ZIEM, 31),
    ...flat(org.DIEN, 19),
    ...flat(org['VPII-S9'], 3),
    { org: org.ZIEM, indicator: 'referrals_by_partner', key: hyperlinkId, value: 6, students: 6 },
    { org: org.ZIEM, indicator: 'referrals_by_partner', key: 'x-unknown', value: 2, students: 2 },
    { org: org.LV, indicator: 'plans_by_status', key: 'approved', value: 40, students: 40 },
    { org: org.LV, indicator: 'plans_by_status', key: 'draft', value: 3, students: 3 },
    { org: org.LV, indicator: 'plans_by_status', key: 'closed', value: 9, students: 9 },
    { org: org.LV, indicator: 'schools_taking_part', value: 7, students: 53 },
    { org: org.LV, indicator: 'municipalities_taking_part', value: 2, students: 50 },
  ];
  await putFigures(server.database, period, rows);
}, 120_000);
afterAll(() => server.close());

const auditCount = async (action: string) =>
  Number(
    (
      await server.database.read((db) =>
        queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from audit_events where action = ${action}`,
        ),
      )
    )[0].n,
  );

describe('report exports', () => {
  it('writes an XLSX with a sheet per table, the figures as numbers, and audits it', async () => {
    const res = await c.admin.get(`/api/reports/export.xlsx?org=${org.LV}&period=${period}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Plāni pēc statusa');
    expect(sheet).toBeDefined();
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    const approved = rows.find((r) => r.includes('apstiprināts') || r.includes('Apstiprināts'));
    expect(approved, JSON.stringify(rows)).toBeDefined();
    expect(approved).toContain(40);
    expect(rows.find((r) => r.includes('Kopā'))).toContain(52);
    expect(wb.worksheets.length).toBeGreaterThan(20);
    expect(await auditCount('report.export_xlsx')).toBe(1);
    const one = await c.admin.get(`/api/reports/export.xlsx?org=${org.LV}&table=children`);
    const wb1 = new Excel.Workbook();
    await wb1.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
    expect(wb1.worksheets.map((w) => w.name)).toEqual(['Pa organizācijām']);
  });

  it('writes one table as CSV with the partner’s formula-like name defused', async () => {
    const res = await c['koord.ziemelu'].get(
      `/api/reports/export.csv?org=${org.ZIEM}&period=${period}&table=referrals_by_partner`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual(['Rādītājs', 'Vērtība', 'Skolēni']);
    expect(rows).toContainEqual([`'${HYPERLINK}`, '6', '6']);
    expect(rows.find((r) => r[0] === 'Kopā')?.[1]).toBe('8');
    expect(await auditCount('report.export_csv')).toBe(1);
    const children = await c.admin.get(`/api/reports/export.csv?org=${org.LV}&table=children`);
    const table = parse(children.body, { delimiter: ';', bom: true }) as string[][];
    expect(table.map((r) => r[0])).toEqual(
      expect.arrayContaining(['Dienvidu novads', 'Ziemeļu novads', 'Valsts Jūrmalas tehnikums']),
    );
    expect((await c.admin.get(`/api/reports/export.csv?org=${org.LV}`)).statusCode).toBe(400);
  });

  it('shows the auditor "<5" in the exports, never the small figure', async () => {
    const csv = await c.auditors.get(`/api/reports/export.csv?org=${org.LV}&table=children`);
    const rows = parse(csv.body, { delimiter: ';', bom: true }) as string[][];
    const state = rows.find((r) => r[0] === 'Valsts Jūrmalas tehnikums');
    expect(state?.slice(1)).toEqual(['<5', '<5', '<5', '<5', '<5']);
    const pdf = await c.auditors.get(`/api/reports/report.pdf?org=${org.LV}&period=${period}`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(new Uint8Array(pdf.rawPayload));
    expect(text).toContain('<5');
  });

  it('writes a PDF with the organisation, the period and the figures', async () => {
    const res = await c.admin.get(`/api/reports/report.pdf?org=${org.LV}&period=${period}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const text = await pdfText(new Uint8Array(res.rawPayload));
    const p = periods.find((x) => x.code === period);
    expect(text).toContain(`${p?.schoolYear}./${(p?.schoolYear ?? 0) + 1}. m. g.`);
    expect(text).toContain('Latvija');
    expect(text).toContain('Plāni pēc statusa');
    expect(text).toContain('Dati aprēķināti');
    expect(await auditCount('report.export_pdf')).toBe(2);
  });
  it('writes the headings and labels in the caller’s language', async () => {
    const k = c['koord.ziemelu'];
    expect((await k.patch('/api/me', { language: 'en' })).statusCode).toBe(200);
    const res = await k.get(`/api/reports/export.csv?org=${org.ZIEM}&table=referrals_by_partner`);
    const rows = parse(res.body, { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual(['Item', 'Value', 'Students']);
    expect(rows.at(-1)?.[0]).toBe('Total');
    const pdf = await k.get(`/api/reports/report.pdf?org=${org.ZIEM}`);
    expect(await pdfText(new Uint8Array(pdf.rawPayload))).toContain('Referrals by partner');
    await k.patch('/api/me', { language: 'lv' });
  });
});

describe('the programme’s published figures', () => {
  it('gives the nation every period with IAPs, pupils, institutions, municipalities, and each municipality', async () => {
    const res = await c.admin.get(`/api/reports/programme?org=${org.LV}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as TProgrammeFigures;
    expect(body.rows.map((r) => r.period.code)).toEqual(periods.map((p) => p.code));
    const now = body.rows.find((r) => r.period.code === period);
    expect([now?.iaps.value, now?.pupils.value, now?.schools.value, now?.municipalities.value]).toEqual([
      53, 53, 7, 2,
    ]);
    expect(body.byMunicipality.map((m) => m.org.name).sort()).toEqual(['Dienvidu novads', 'Ziemeļu novads']);
    const ziem = body.byMunicipality.find((m) => m.org.id === org.ZIEM);
    expect(ziem?.rows.find((r) => r.period.code === period)?.iaps.value).toBe(31);
  });

  it('suppresses the auditor’s programme figures so that none can be derived', async () => {
    const body = (await c.auditors.get(`/api/reports/programme?org=${org.LV}`)).json() as TProgrammeFigures;
    const full = (await c.admin.get(`/api/reports/programme?org=${org.LV}`)).json() as TProgrammeFigures;
    expect(body.suppressed).toBe(true);
    body.rows.forEach((row, i) => {
      for (const f of ['iaps', 'pupils'] as const) {
        const column = body.byMunicipality.map((m) => m.rows[i][f]);
        // The state vocational schools' share is never shown, but it is what is left of the nation's:
        // when it is not zero it is one more unknown for the attacker; the attacker may know it is zero.
        const rest =
          (full.rows[i][f].value ?? 0) -
          full.byMunicipality.reduce((a, m) => a + (m.rows[i][f].value ?? 0), 0);
        const unknowns = rest > 0 ? [...column, { value: null, suppressed: true }] : column;
        if (column.every((x) => !x.suppressed) && !row[f].suppressed)
          expect(rest === 0 || rest >= 5, `${row.period.code} ${f} rest`).toBe(true);
        expect(pinnedCells(unknowns, row[f]), `${row.period.code} ${f}`).toEqual([]);
      }
      for (const f of ['iaps', 'pupils', 'schools', 'municipalities'] as const)
        if (row[f].value !== null) expect(row[f].value === 0 || (row[f].value ?? 0) >= 5).toBe(true);
    });
    // This period's state vocational share (3) would be the nation's 53 less 31 and 19.
    const now = body.rows.findIndex((r) => r.period.code === period);
    const hidden = [body.rows[now].iaps, ...body.byMunicipality.map((m) => m.rows[now].iaps)].filter(
      (x) => x.suppressed,
    );
    expect(hidden.length).toBeGreaterThan(0);
  });
});
