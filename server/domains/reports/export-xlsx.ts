import type { Language } from '../../../common/roles.ts';
import { t } from '../../platform/i18n/index.ts';
import { defuse, type ReportTable } from './tables.ts';

/** A sheet name: at most 31 characters, unique, without []:*?/\. */
function sheetName(name: string, used: Set<string>): string {
  const clean = name.replace(/[[\]:*?/\\]/g, ' ');
  let out = clean.slice(0, 31);
  for (let i = 2; used.has(out); i++) out = `${clean.slice(0, 27)} (${i})`;
  used.add(out);
  return out;
}

/**
 * The report workbook: a sheet per table (or the one asked for), each headed by the organisation,
 * the period and when the figures were computed; texts defused, numbers left as numbers.
 */
export async function reportWorkbook(
  lang: Language,
  heading: { org: string; period: string; refreshed: string; note: string | null },
  tables: ReportTable[],
): Promise<Buffer> {
  // Loaded when first used: exceljs takes most of a second to load, which every start would pay.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const used = new Set<string>();
  for (const table of tables) {
    const ws = wb.addWorksheet(sheetName(table.title, used));
    ws.addRow([defuse(`${table.title} — ${heading.org}`)]).font = { bold: true };
    ws.addRow([defuse(`${t(lang, 'reports.period')}: ${heading.period}`)]);
    ws.addRow([defuse(heading.refreshed)]);
    if (heading.note) ws.addRow([defuse(heading.note)]);
    ws.addRow([]);
    ws.addRow(table.heads.map(defuse)).font = { bold: true };
    table.rows.forEach((row, i) => {
      const r = ws.addRow(row.map((v) => (typeof v === 'string' ? defuse(v) : v)));
      if (i === table.totalRow) r.font = { bold: true };
    });
    ws.columns.forEach((c, i) => {
      c.width = i === 0 ? 40 : 18;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
