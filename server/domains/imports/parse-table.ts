import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';

/** A spreadsheet as header names and rows of trimmed strings. */
export interface ParsedTable {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  rows: string[][];
}

export class TableParseError extends Error {
  constructor(readonly code: 'import_empty' | 'import_format' | 'import_too_many_rows' | 'import_headers') {
    super(code);
  }
}

export const MAX_IMPORT_ROWS = 50_000;

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
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ';';
}

function cellText(value: ExcelJS.CellValue): string {
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

function finish(
  format: 'csv' | 'xlsx',
  encoding: string | null,
  delimiter: string | null,
  all: string[][],
  maxRows: number,
): ParsedTable {
  const nonEmpty = all.filter((r) => r.some((c) => c !== ''));
  if (nonEmpty.length < 2) throw new TableParseError('import_empty');
  const headers = nonEmpty[0].map((h) => h.trim());
  if (
    headers.every((h) => h === '') ||
    new Set(headers.filter(Boolean)).size !== headers.filter(Boolean).length
  )
    throw new TableParseError('import_headers');
  const rows = nonEmpty.slice(1).map((r) => headers.map((_, i) => (r[i] ?? '').trim()));
  if (rows.length > maxRows) throw new TableParseError('import_too_many_rows');
  return { format, encoding, delimiter, headers, rows };
}

/** Parses a CSV (`;`, `,` or tab; UTF-8 or Windows-1257) or XLSX file; the first non-empty row is the header. */
export async function parseTable(content: Buffer, maxRows = MAX_IMPORT_ROWS): Promise<ParsedTable> {
  if (content.length === 0) throw new TableParseError('import_empty');
  const isZip = content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (isZip) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new TableParseError('import_format');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new TableParseError('import_empty');
    const all: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++)
        values.push(cellText(row.getCell(c).value).trim());
      all.push(values);
    });
    return finish('xlsx', null, null, all, maxRows);
  }
  if (content.includes(0)) throw new TableParseError('import_format');
  const { text, encoding } = decodeText(content);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    throw new TableParseError('import_format');
  }
  return finish('csv', encoding, delimiter, records, maxRows);
}

/** parseTable for an upload: an unreadable file becomes a 400 with the reason's message code. */
export async function parseUploadedTable(content: Buffer, maxRows = MAX_IMPORT_ROWS): Promise<ParsedTable> {
  try {
    return await parseTable(content, maxRows);
  } catch (e) {
    if (e instanceof TableParseError) throw new AppError(400, e.code);
    throw e;
  }
}
