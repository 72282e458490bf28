import type ExcelJS from 'exceljs';
import type { TTimesheet } from '../../../common/api/support.ts';
import type { Language } from '../../../common/roles.ts';
import { t } from '../../platform/i18n/index.ts';

/** One school's sheet of the payroll workbook. */
export interface PayrollSheet {
  schoolName: string;
  signedLine: string;
  rows: TTimesheet['rows'];
  payroll: Map<string, { employeeId: string | null; position: string | null }>;
}

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, or a tab/return before one) is written
 * with a leading apostrophe, so it stays text in Excel, LibreOffice and Google Sheets.
 */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** "2026. gada decembris" / "December 2026" for 2026-12. */
export function monthInWords(month: string, lang: Language): string {
  const [year, m] = month.split('-');
  const name = t(lang, `timesheets.months.m${Number(m)}` as 'timesheets.months.m1');
  return t(lang, 'timesheets.monthInWords', { year, month: name });
}

const HOURS = [
  'confirmedHours',
  'unconfirmedHours',
  'preparationHours',
  'supervisionHours',
  'adjustmentHours',
  'totalHours',
] as const;
const HOURS_FORMAT = '0.00';

function sheetName(name: string, used: Set<string>): string {
  // At most 31 characters, unique, without []:*?/\.
  const clean = name.replace(/[[\]:*?/\\]/g, ' ');
  let out = clean.slice(0, 31);
  for (let i = 2; used.has(out); i++) out = `${clean.slice(0, 27)} (${i})`;
  used.add(out);
  return out;
}

/**
 * The payroll workbook: a sheet per school (provider, employee number, position, sessions and hours
 * with two decimals, a totals row), and with `summary` a first sheet of every school's totals.
 */
export async function payrollWorkbook(
  lang: Language,
  month: string,
  sheets: PayrollSheet[],
  summary: boolean,
): Promise<Buffer> {
  // Loaded when first used: exceljs takes most of a second to load, which every start would pay.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const used = new Set<string>();
  const words = monthInWords(month, lang);
  const col = (k: string) => t(lang, `timesheets.columns.${k}` as 'timesheets.columns.provider');
  const totals = sheets.map((s) => ({
    sessions: s.rows.reduce((a, r) => a + r.sessions, 0),
    ...Object.fromEntries(HOURS.map((h) => [h, s.rows.reduce((a, r) => a + r[h], 0)])),
  })) as ({ sessions: number } & Record<(typeof HOURS)[number], number>)[];

  if (summary) {
    const ws = wb.addWorksheet(sheetName(t(lang, 'timesheets.summary'), used));
    ws.addRow([defuse(t(lang, 'timesheets.summaryTitle', { month: words }))]).font = { bold: true };
    ws.addRow([]);
    ws.addRow([col('school'), col('sessions'), ...HOURS.map(col)]).font = { bold: true };
    sheets.forEach((s, i) => {
      ws.addRow([defuse(s.schoolName), totals[i].sessions, ...HOURS.map((h) => totals[i][h])]);
    });
    const all = ws.addRow([
      t(lang, 'timesheets.total'),
      totals.reduce((a, x) => a + x.sessions, 0),
      ...HOURS.map((h) => totals.reduce((a, x) => a + x[h], 0)),
    ]);
    all.font = { bold: true };
    HOURS.forEach((_, i) => {
      ws.getColumn(3 + i).numFmt = HOURS_FORMAT;
    });
    ws.columns.forEach((c, i) => {
      c.width = i === 0 ? 34 : 16;
    });
  }

  sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(sheetName(s.schoolName, used));
    ws.addRow([defuse(`${s.schoolName} — ${words}`)]).font = { bold: true };
    ws.addRow([defuse(s.signedLine)]);
    ws.addRow([
      col('provider'),
      col('employeeId'),
      col('position'),
      col('sessions'),
      ...HOURS.map(col),
    ]).font = {
      bold: true,
    };
    for (const r of s.rows) {
      const ids = s.payroll.get(r.providerId);
      ws.addRow([
        defuse(r.providerName),
        defuse(ids?.employeeId ?? ''),
        defuse(ids?.position ?? ''),
        r.sessions,
        ...HOURS.map((h) => r[h]),
      ]);
    }
    const total = ws.addRow([
      t(lang, 'timesheets.total'),
      '',
      '',
      totals[i].sessions,
      ...HOURS.map((h) => totals[i][h]),
    ]);
    total.font = { bold: true };
    HOURS.forEach((_, j) => {
      ws.getColumn(5 + j).numFmt = HOURS_FORMAT;
    });
    ws.columns.forEach((c, j) => {
      c.width = j === 0 ? 28 : 16;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
