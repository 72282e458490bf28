import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTableStream } from './stream-table.ts';
import { TableParseError } from './table-limits.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-stream-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits = { maxRows: 10, maxColumns: 5, maxUnzippedBytes: 1_000_000, maxLineChars: 40 };
let n = 0;

function file(content: string | Buffer): string {
  const p = path.join(dir, `f${n++}.csv`);
  writeFileSync(p, content);
  return p;
}

async function read(content: string | Buffer, l = limits) {
  const table = await openTableStream(file(content), l);
  const rows: string[][] = [];
  for await (const batch of table.rows) rows.push(...batch);
  return { headers: table.headers, rows, encoding: table.encoding, delimiter: table.delimiter };
}

async function refusal(content: string, l = limits): Promise<string> {
  try {
    await read(content, l);
  } catch (e) {
    if (e instanceof TableParseError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('streaming an uploaded table', () => {
  it('reads a file without quotes and the same file with quotes alike', async () => {
    const plain =
      '\uFEFFKods;Datums;Veids\r\n\r\n 1 ;01.09.2026;n\r\n2;02.09.2026\r\n;;\r\n3;03.09.2026;s;extra\r\n';
    const quoted =
      'Kods;Datums;Veids\r\n"1";01.09.2026;n\r\n2;02.09.2026\r\n;;\r\n"3";"03.09.2026";s;extra\r\n';
    const a = await read(plain);
    expect(a).toEqual({
      headers: ['Kods', 'Datums', 'Veids'],
      rows: [
        ['1', '01.09.2026', 'n'],
        ['2', '02.09.2026', ''],
        ['3', '03.09.2026', 's'],
      ],
      encoding: 'utf-8',
      delimiter: ';',
    });
    expect((await read(quoted)).rows).toEqual(a.rows);
  });

  it('keeps a delimiter and a line break inside quotes', async () => {
    const { rows } = await read('A,B\n"x, y","line\nbreak"\n');
    expect(rows).toEqual([['x, y', 'line\nbreak']]);
  });

  it('reads Windows-1257 when the bytes are not UTF-8', async () => {
    const { rows, encoding } = await read(Buffer.from([0x41, 0x3b, 0x42, 0x0a, 0xf0, 0x3b, 0xe2, 0x0a]));
    expect(encoding).toBe('windows-1257');
    expect(rows).toEqual([['š', 'ā']]);
  });

  it('reads UTF-8 whose character is split between two reads, and not a file ending mid-character', async () => {
    const wide = { ...limits, maxRows: 100_000 };
    // The file is read in 256 KB chunks: put a 4-byte character across the boundary at each byte.
    for (const shift of [1, 2, 3]) {
      const text = `A;B\n${'x;y\n'.repeat(65_528)}`; // 262,116 bytes, all ASCII
      const pad = 262_144 - shift - text.length - 2;
      const { rows, encoding } = await read(`${text}x;${'y'.repeat(pad)}😀\nā;ž\n`, wide);
      expect(encoding).toBe('utf-8');
      expect(rows.slice(-2)).toEqual([
        ['x', `${'y'.repeat(pad)}😀`],
        ['ā', 'ž'],
      ]);
    }
    const cut = Buffer.concat([Buffer.from('A;B\nx;'), Buffer.from('😀').subarray(0, 3)]);
    expect((await read(cut)).encoding).toBe('windows-1257');
  });

  it('refuses too many rows, a long line, a wide header, duplicate headers and an empty file', async () => {
    const many = `A;B\n${Array.from({ length: 11 }, (_, i) => `${i};x`).join('\n')}\n`;
    expect(await refusal(many)).toBe('import_too_many_rows');
    expect(await refusal(`A;B\n1;${'x'.repeat(60)}\n`)).toBe('import_line_too_long');
    expect(await refusal(`A;B\n1;"${'x'.repeat(60)}"\n`)).toBe('import_line_too_long');
    expect(await refusal('A;B;C;D;E;F\n1;2;3;4;5;6\n')).toBe('import_too_many_columns');
    expect(await refusal('A;A\n1;2\n')).toBe('import_headers');
    expect(await refusal('A;B\n\n;\n')).toBe('import_empty');
    expect(await refusal('A;B\n1\u00002\n')).toBe('import_format');
  });
});
