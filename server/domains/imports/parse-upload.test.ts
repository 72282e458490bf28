import { describe, expect, it } from 'vitest';
import { zipBombXlsx } from '../../../test/hostile-files.ts';
import { parseUploadedTable } from './parse-upload.ts';
import { CLASS_LIST_LIMITS } from './table-limits.ts';

const csv = Buffer.from('Kods;Vārds\r\n1;Jānis\r\n2;Anna\r\n');
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'parsed',
    (e: { status?: number; code?: string }) => `${e.status} ${e.code}`,
  );

describe('parseUploadedTable (in a worker thread)', () => {
  it('answers the parsed table', async () => {
    const table = await parseUploadedTable(csv, CLASS_LIST_LIMITS);
    expect(table).toMatchObject({ format: 'csv', delimiter: ';', headers: ['Kods', 'Vārds'] });
    expect(table.rows).toEqual([
      ['1', 'Jānis'],
      ['2', 'Anna'],
    ]);
  });

  it('turns a refused file into a 413 with the reason', async () => {
    expect(await refusal(parseUploadedTable(zipBombXlsx(1000), CLASS_LIST_LIMITS))).toBe(
      '413 import_too_large',
    );
  });

  it('stops a parse that overruns its time budget with 413, and parses again afterwards', async () => {
    expect(await refusal(parseUploadedTable(csv, CLASS_LIST_LIMITS, { timeoutMs: 1, memoryMb: 128 }))).toBe(
      '413 import_too_slow',
    );
    expect((await parseUploadedTable(csv, CLASS_LIST_LIMITS)).rows).toHaveLength(2);
  });
});
