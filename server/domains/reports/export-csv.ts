import type { Language } from '../../../common/roles.ts';
import { formatDecimal } from '../../platform/i18n/index.ts';
import { defuse, type ReportTable, type TableValue } from './tables.ts';

/**
 * One report table as CSV the way Latvian spreadsheets open it: UTF-8 with a byte-order mark,
 * semicolons, CRLF, the language's decimal mark; every text defused (no formula runs on opening).
 */
function field(lang: Language, v: TableValue): string {
  if (v === null) return '';
  const text =
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : formatDecimal(lang, v, 2)) : defuse(v);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(lang: Language, table: ReportTable): string {
  const lines = [table.heads, ...table.rows].map((row) => row.map((v) => field(lang, v)).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
