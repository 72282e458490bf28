import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { CLASS_LIST_LIMITS, type ParsedTable, type TableLimits, TableParseError } from './table-limits.ts';
import { inspectXlsx } from './xlsx-inspect.ts';

export {
  CLASS_LIST_LIMITS,
  MAX_IMPORT_ROWS,
  type ParsedTable,
  type TableLimits,
  TableParseError,
} from './table-limits.ts';

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), else Windows-1257 (Baltic), as e-klase and VIIS export. */
export function decodeText(content: Buffer): { text: string; encoding: string } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1257').decode(content), encoding: 'windows-1257' };
  }
}

/** The delimiter used in the header line: the most frequent of ; , and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, 64 * 1024).split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ';';
}

/** A cell's value as the text a person sees (a date as YYYY-MM-DD, a formula as its result). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/**
 * Collects rows: the first non-empty row is the header and fixes the width; later rows are cut to
 * it. Refuses a header wider than the limit and stops at the first row past the row limit.
 */
class TableBuilder {
  headers: string[] | null = null;
  readonly rows: string[][] = [];
  constructor(private readonly limits: TableLimits) {}

  /** Adds a row of `length` cells, read by `cell(i)` (0-based); a header longer than the limit is refused unread. */
  add(length: number, cell: (i: number) => string): void {
    if (this.headers === null) {
      if (length > this.limits.maxColumns) throw new TableParseError('import_too_many_columns');
      let last = length;
      while (last > 0 && cell(last - 1).trim() === '') last--;
      if (last > 0) this.headers = Array.from({ length: last }, (_, i) => cell(i).trim());
      return;
    }
    const row = Array.from({ length: this.headers.length }, (_, i) => cell(i).trim());
    if (row.every((c) => c === '')) return;
    if (this.rows.length >= this.limits.maxRows) throw new TableParseError('import_too_many_rows');
    this.rows.push(row);
  }

  finish(format: 'csv' | 'xlsx', encoding: string | null, delimiter: string | null): ParsedTable {
    const headers = this.headers;
    if (!headers || this.rows.length === 0) throw new TableParseError('import_empty');
    const named = headers.filter(Boolean);
    if (new Set(named).size !== named.length) throw new TableParseError('import_headers');
    return { format, encoding, delimiter, headers, rows: this.rows };
  }
}

async function parseXlsx(content: Buffer, limits: TableLimits): Promise<ParsedTable> {
  await inspectXlsx(content, limits);
  // Loaded only for a file that passed inspection: a hostile file is refused without it.
  const { default: ExcelJS } = await import('exceljs');
  const builder = new TableBuilder(limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        builder.add(Math.max(values.length - 1, 0), (i) => cellText(values[i + 1]));
      }
      break; // the first sheet only
    }
  } catch (e) {
    if (e instanceof TableParseError) throw e;
    throw new TableParseError('import_format');
  }
  return builder.finish('xlsx', null, null);
}

function parseCsv(content: Buffer, limits: TableLimits): ParsedTable {
  if (content.includes(0)) throw new TableParseError('import_format');
  const { text, encoding } = decodeText(content);
  const delimiter = detectDelimiter(text);
  // Empty lines are skipped; a few more records than allowed are read so that too many is told apart.
  const cap = limits.maxRows + 2;
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: limits.maxLineChars,
      to: cap,
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE')
      throw new TableParseError('import_line_too_long');
    throw new TableParseError('import_format');
  }
  if (records.length >= cap) throw new TableParseError('import_too_many_rows');
  const builder = new TableBuilder(limits);
  for (const record of records) {
    let last = record.length;
    while (last > 0 && record[last - 1] === '') last--;
    builder.add(last, (i) => record[i] ?? '');
  }
  return builder.finish('csv', encoding, delimiter);
}

/**
 * Parses a CSV (`;`, `,` or tab; UTF-8 or Windows-1257) or XLSX file within `limits`; the first
 * non-empty row is the header. Holds the whole table in memory: the imports stream instead (stream-table.ts).
 */
export async function parseTable(
  content: Buffer,
  limits: TableLimits = CLASS_LIST_LIMITS,
): Promise<ParsedTable> {
  if (content.length === 0) throw new TableParseError('import_empty');
  const isZip = content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  return isZip ? parseXlsx(content, limits) : parseCsv(content, limits);
}
