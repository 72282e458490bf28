import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { cellText, detectDelimiter } from './parse-table.ts';
import { type TableLimits, TableParseError } from './table-limits.ts';
import { inspectXlsx } from './xlsx-inspect.ts';

/**
 * An uploaded table read from a file on disk row by row: memory stays bounded whatever the file's
 * size. Rows come as trimmed strings cut to the header's width; empty rows are skipped.
 */
export interface TableStream {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  headers: string[];
  /** Data rows in batches; throws `TableParseError` on the first row past a limit or a broken file. */
  rows: AsyncIterable<string[][]>;
}

/** XLSX is slow to unpack and parse: bigger e-journal exports come as CSV. */
export const MAX_XLSX_ROWS = 150_000;
const READ_CHUNK = 256 * 1024;

/** How many bytes of `b` end on a whole UTF-8 character (the rest waits for the next chunk). */
function wholeUtf8Length(b: Buffer): number {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
    const x = b[i];
    if ((x & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const size = x < 0xc0 ? 1 : x < 0xe0 ? 2 : x < 0xf0 ? 3 : 4;
    return i + size <= b.length ? b.length : i;
  }
  return b.length;
}

/**
 * UTF-8 when the whole file is valid UTF-8, else Windows-1257; a NUL byte means not a text file.
 * Also tells whether the file holds a quote character (`"` is the same byte in both encodings).
 * Checked with `isUtf8` (no decoding: a semester's file is scanned in tens of milliseconds),
 * carrying a character split between two chunks over to the next.
 */
async function scanText(file: string): Promise<{ encoding: 'utf-8' | 'windows-1257'; quoted: boolean }> {
  let utf8 = true;
  let quoted = false;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) throw new TableParseError('import_format');
    if (!quoted && chunk.includes(0x22)) quoted = true;
    if (utf8) {
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const whole = wholeUtf8Length(bytes);
      utf8 = isUtf8(bytes.subarray(0, whole));
      carry = Buffer.from(bytes.subarray(whole));
    }
  }
  return { encoding: utf8 && carry.length === 0 ? 'utf-8' : 'windows-1257', quoted };
}

async function readStart(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Reports bytes read as they go (for progress); `onBytes` is optional. */
async function* fileChunks(file: string, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
    onBytes?.(chunk.length);
    yield chunk;
  }
}

async function* decoded(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<string> {
  // The decoder drops a UTF-8 byte-order mark and keeps characters split between chunks whole.
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Raw records of a CSV file parsed by csv-parse (quoted fields, line breaks inside quotes). */
async function* csvRecords(
  file: string,
  encoding: string,
  delimiter: string,
  limits: TableLimits,
  onBytes?: (n: number) => void,
): AsyncGenerator<string[]> {
  const parser = Readable.from(decoded(fileChunks(file, onBytes), encoding)).pipe(
    parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: limits.maxLineChars,
    }),
  );
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (e) {
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE')
      throw new TableParseError('import_line_too_long');
    throw new TableParseError('import_format');
  } finally {
    parser.destroy();
  }
}

/**
 * Records of a CSV file without a single quote character: then the format has no quoting, and a
 * record is a line split at the delimiter, exactly as csv-parse reads it, several times faster
 * (e-journal exports of codes, dates, marks and subjects are such files). Yields batches of records.
 */
async function* unquotedCsvBatches(
  file: string,
  encoding: string,
  delimiter: string,
  limits: TableLimits,
  onBytes?: (n: number) => void,
): AsyncGenerator<string[][]> {
  let tail = '';
  const split = (text: string, last: boolean): string[][] => {
    const lines = (tail + text).split('\n');
    tail = last ? '' : (lines.pop() ?? '');
    const batch: string[][] = [];
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.length > limits.maxLineChars) throw new TableParseError('import_line_too_long');
      if (line === '') continue;
      batch.push(line.split(delimiter));
    }
    if (tail.length > limits.maxLineChars) throw new TableParseError('import_line_too_long');
    return batch;
  };
  for await (const text of decoded(fileChunks(file, onBytes), encoding)) yield split(text, false);
  yield split('', true);
}

/** Raw rows of the first sheet of an XLSX file (read by exceljs's streaming reader). */
async function* xlsxRecords(file: string): AsyncGenerator<string[]> {
  // Loaded only for a file that passed inspection: a hostile file is refused without it.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
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
        yield Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]));
      }
      break; // the first sheet only
    }
  } catch (e) {
    if (e instanceof TableParseError) throw e;
    throw new TableParseError('import_format');
  }
}

/** Groups records into batches, so the consumer pays one await per batch rather than per row. */
async function* batched(records: AsyncIterable<string[]>, size = 2048): AsyncGenerator<string[][]> {
  let batch: string[][] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Opens an uploaded CSV (`;`, `,` or tab; UTF-8 or Windows-1257) or XLSX file on disk: reads up to
 * the header row and answers it with the rows still to stream. A hostile XLSX (a zip bomb, a sheet
 * too wide or too long) is refused before anything is inflated, as in `parseTable`.
 */
export async function openTableStream(
  file: string,
  limits: TableLimits,
  onBytes?: (n: number) => void,
): Promise<TableStream> {
  const start = await readStart(file, 64 * 1024);
  if (start.length === 0) throw new TableParseError('import_empty');
  const isZip = start.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  let batches: AsyncGenerator<string[][]>;
  let meta: Pick<TableStream, 'format' | 'encoding' | 'delimiter'>;
  if (isZip) {
    const xlsxLimits = { ...limits, maxRows: Math.min(limits.maxRows, MAX_XLSX_ROWS) };
    await inspectXlsx(file, xlsxLimits);
    batches = batched(xlsxRecords(file));
    meta = { format: 'xlsx', encoding: null, delimiter: null };
  } else {
    const { encoding, quoted } = await scanText(file);
    const delimiter = detectDelimiter(new TextDecoder(encoding).decode(start));
    batches = quoted
      ? batched(csvRecords(file, encoding, delimiter, limits, onBytes))
      : unquotedCsvBatches(file, encoding, delimiter, limits, onBytes);
    meta = { format: 'csv', encoding, delimiter };
  }
  let headers: string[] | null = null;
  let first: string[][] = [];
  while (headers === null) {
    const next = await batches.next();
    if (next.done) throw new TableParseError('import_empty');
    const batch = next.value;
    let i = 0;
    for (; i < batch.length && headers === null; i++) {
      const record = batch[i];
      let last = record.length;
      while (last > 0 && (record[last - 1] ?? '').trim() === '') last--;
      if (last > limits.maxColumns) {
        await batches.return(undefined);
        throw new TableParseError('import_too_many_columns');
      }
      if (last > 0) headers = record.slice(0, last).map((c) => (c ?? '').trim());
    }
    first = batch.slice(i);
  }
  const named = headers.filter(Boolean);
  if (new Set(named).size !== named.length) {
    await batches.return(undefined);
    throw new TableParseError('import_headers');
  }
  const width = headers.length;
  let count = 0;
  const clean = (batch: string[][]): string[][] => {
    const out: string[][] = [];
    for (const record of batch) {
      const row = new Array<string>(width);
      let empty = true;
      for (let i = 0; i < width; i++) {
        const cell = (record[i] ?? '').trim();
        row[i] = cell;
        if (cell !== '') empty = false;
      }
      if (empty) continue;
      if (++count > limits.maxRows) throw new TableParseError('import_too_many_rows');
      out.push(row);
    }
    return out;
  };
  async function* rows(): AsyncGenerator<string[][]> {
    if (first.length) yield clean(first);
    for await (const batch of batches) yield clean(batch);
    if (count === 0) throw new TableParseError('import_empty');
  }
  return { ...meta, headers, rows: rows() };
}

const TOO_LARGE: string[] = ['import_too_large', 'import_too_many_rows'];

function toAppError(e: unknown): unknown {
  if (!(e instanceof TableParseError)) return e;
  return new AppError(TOO_LARGE.includes(e.code) ? 413 : 400, e.code);
}

async function* withAppErrors(rows: AsyncIterable<string[][]>): AsyncGenerator<string[][]> {
  try {
    yield* rows;
  } catch (e) {
    throw toAppError(e);
  }
}

/**
 * `openTableStream` for a route or job: a refused file (on opening or while its rows stream) is a
 * 400 or 413 with the reason's message code.
 */
export async function openUploadedTable(
  file: string,
  limits: TableLimits,
  onBytes?: (n: number) => void,
): Promise<TableStream> {
  try {
    const table = await openTableStream(file, limits, onBytes);
    return { ...table, rows: withAppErrors(table.rows) };
  } catch (e) {
    throw toAppError(e);
  }
}
