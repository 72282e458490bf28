import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value of a COPY row: null is SQL NULL; arrays and objects are written as JSON. */
export type CopyValue = string | number | boolean | null;

/** Escapes a value for COPY's text format (tab-separated, `\N` for NULL). */
function field(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Text lines in batches of ~1,000 rows so the stream is not one write per row. */
function* lines(rows: Iterable<CopyValue[]>): Generator<string> {
  let buf = '';
  let n = 0;
  for (const row of rows) {
    buf += `${row.map(field).join('\t')}\n`;
    if (++n === 1000) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (buf) yield buf;
}

/** `COPY table (columns) FROM STDIN` fed from `rows`; returns the number of rows copied. */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  rows: Iterable<CopyValue[]>,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines(rows)), stream);
  return Number(stream.rowCount ?? 0);
}
