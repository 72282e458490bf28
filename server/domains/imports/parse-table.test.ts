import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipBombXlsx, zipOf } from '../../../test/hostile-files.ts';
import { parseTable } from './parse-table.ts';
import { CLASS_LIST_LIMITS, type TableLimits } from './table-limits.ts';
import { widestColumn } from './xlsx-inspect.ts';

const small: TableLimits = {
  maxRows: 5,
  maxColumns: 4,
  maxUnzippedBytes: 10 * 1024 * 1024,
  maxLineChars: 200,
};
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'));
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'parsed',
    (e: { code?: string }) => e.code,
  );

describe('parseTable limits on CSV', () => {
  it('reads up to the row limit and refuses one row more', async () => {
    const rows = (n: number) => ['Kods;Vārds', ...Array.from({ length: n }, (_, i) => `${i};V${i}`)];
    expect((await parseTable(csv(rows(5)), small)).rows).toHaveLength(5);
    expect(await refusal(parseTable(csv(rows(6)), small))).toBe('import_too_many_rows');
  });

  it('refuses a header wider than the column limit', async () => {
    expect(await refusal(parseTable(csv(['a;b;c;d;e', '1;2;3;4;5']), small))).toBe('import_too_many_columns');
  });

  it('cuts data rows to the header and ignores trailing empty header cells', async () => {
    const table = await parseTable(csv(['a;b;;;;;', '1;2;3;4;5;6;7;8;9']), small);
    expect(table.headers).toEqual(['a', 'b']);
    expect(table.rows).toEqual([['1', '2']]);
  });

  it('refuses a line longer than the limit', async () => {
    expect(await refusal(parseTable(csv(['a;b', `1;${'x'.repeat(500)}`]), small))).toBe(
      'import_line_too_long',
    );
  });
});

describe('parseTable on hostile XLSX', () => {
  it('refuses a zip bomb by its declared sizes without inflating it', async () => {
    const started = performance.now();
    expect(await refusal(parseTable(zipBombXlsx(1000), CLASS_LIST_LIMITS))).toBe('import_too_large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a part that inflates to more than it declared', async () => {
    const big = Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(100_000));
    const liar = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(big), size: 100, crc: 0 }]);
    expect(await refusal(parseTable(liar, CLASS_LIST_LIMITS))).toBe('import_format');
  });

  it('finds the rightmost cell referred to', () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="XFD1"><v>1</v></c></row><row r="2"><c r="ZZ2"/></row>';
    expect(widestColumn(xml)).toBe(16384);
    expect(widestColumn('<x:row r="1"><x:c s="2" r="AB1"/></x:row>')).toBe(28);
  });

  it('refuses at once a sheet whose later rows reach the last column (XFD)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Saraksts');
    sheet.getCell('A1').value = 'Kods';
    for (let r = 2; r <= 2001; r++) {
      sheet.getCell(`A${r}`).value = `k${r}`;
      sheet.getCell(`XFD${r}`).value = 'x';
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const started = performance.now();
    expect(await refusal(parseTable(file, CLASS_LIST_LIMITS))).toBe('import_too_many_columns');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads shared strings, numbers and dates of a normal sheet, header columns only', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Saraksts');
    sheet.addRow(['Personas kods', 'Vārds', 'Dzimšanas datums']);
    sheet.addRow(['010112-12345', 'Jānis', new Date(Date.UTC(2012, 0, 1))]);
    sheet.addRow(['020212-12345', 'Anna', new Date(Date.UTC(2012, 1, 2)), 'ārpus galvenes']);
    const table = await parseTable(Buffer.from(await workbook.xlsx.writeBuffer()), CLASS_LIST_LIMITS);
    expect(table.format).toBe('xlsx');
    expect(table.headers).toEqual(['Personas kods', 'Vārds', 'Dzimšanas datums']);
    expect(table.rows).toEqual([
      ['010112-12345', 'Jānis', '2012-01-01'],
      ['020212-12345', 'Anna', '2012-02-02'],
    ]);
  });
});
