import { describe, expect, it } from 'vitest';
import {
  parseFolds,
  parseUciStudent,
  UCI_MAX_BYTES,
  UCI_STUDENT_COLUMNS,
  UciFileError,
} from './uci-student.ts';

const HEADER = UCI_STUDENT_COLUMNS.join(';');
// Two rows as the published file writes them (strings quoted, G3 not).
const ROW_1 =
  '"GP";"F";18;"U";"GT3";"A";4;4;"at_home";"teacher";"course";"mother";2;2;0;"yes";"no";"no";"no";"yes";"yes";"no";"no";4;3;4;1;1;3;4;"0";"11";11';
const ROW_2 =
  '"GP";"M";17;"U";"GT3";"T";1;1;"at_home";"other";"course";"father";1;2;3;"no";"yes";"no";"no";"no";"yes";"yes";"no";5;3;3;1;1;3;12;"9";"8";7';
const bytes = (text: string) => new TextEncoder().encode(text);
const file = (...lines: string[]) => bytes(`${lines.join('\n')}\n`);

function errorOf(input: Uint8Array): UciFileError {
  try {
    parseUciStudent(input);
  } catch (err) {
    if (err instanceof UciFileError) return err;
    throw err;
  }
  throw new Error('parsed');
}

describe('parseUciStudent', () => {
  it('reads the indicators, the outcome and sex of each row', () => {
    expect(parseUciStudent(file(HEADER, ROW_1, ROW_2))).toEqual([
      { sex: 'F', failures: 0, absences: 4, g1: 0, g2: 11, g3: 11 },
      { sex: 'M', failures: 3, absences: 12, g1: 9, g2: 8, g3: 7 },
    ]);
  });

  it('takes CRLF line ends, a BOM, no final line break, and an empty sex (unknown)', () => {
    const noSex = ROW_2.replace('"M"', '');
    const rows = parseUciStudent(bytes(`\uFEFF${HEADER}\r\n${ROW_1}\r\n${noSex}`));
    expect(rows.map((r) => r.sex)).toEqual(['F', null]);
  });

  it('refuses an empty file, a blank one and a header with no students', () => {
    expect(errorOf(new Uint8Array()).message).toBe('the file is empty');
    expect(errorOf(bytes('\n\n  \n')).message).toBe('the file is empty');
    expect(errorOf(file(HEADER)).message).toBe('the file has a header and no students');
  });

  it('refuses a wrong header, naming line 1', () => {
    const e = errorOf(file(HEADER.replace('G3', 'G4'), ROW_1));
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/^line 1: the header is not the UCI Student Performance header/);
    expect(errorOf(file(HEADER.replaceAll(';', ','), ROW_1)).line).toBe(1);
  });

  it('names the line of a row with too few or too many columns, or a cell in a far column', () => {
    expect(errorOf(file(HEADER, ROW_1, ROW_2.slice(0, ROW_2.lastIndexOf(';')))).message).toBe(
      'line 3: 32 columns where the header has 33',
    );
    expect(errorOf(file(HEADER, `${ROW_1};${';'.repeat(200)}x`, ROW_2)).message).toBe(
      'line 2: 234 columns where the header has 33',
    );
    // A cell in the 16 384th column (a spreadsheet's last).
    expect(errorOf(file(HEADER, ROW_1, `${';'.repeat(16_383)}x`)).message).toBe(
      'line 3: 16384 columns where the header has 33',
    );
  });

  it('refuses a 1 MB line and a file over the size cap without parsing it', () => {
    expect(errorOf(file(HEADER, 'a'.repeat(1 << 20))).message).toMatch(/^line 2: a record longer than/);
    const big = new Uint8Array(UCI_MAX_BYTES + 1).fill(0x41);
    expect(errorOf(big).message).toBe('the file is larger than 5 MB');
  });

  it('refuses NUL bytes and bytes that are not UTF-8, naming the line of the NUL', () => {
    expect(errorOf(file(HEADER, ROW_1, `${ROW_2}\0`)).message).toBe('line 3: a NUL byte (not a text file)');
    expect(errorOf(new Uint8Array([0xff, 0xfe, 0x00, 0x41])).message).toBe('the file is not UTF-8 text');
  });

  it('refuses a non-numeric, negative, fractional or out-of-range number and an unknown sex', () => {
    expect(errorOf(file(HEADER, ROW_1.replace(';4;"0"', ';x;"0"'))).message).toBe(
      'line 2: absences must be a whole number from 0 to 999',
    );
    expect(errorOf(file(HEADER, ROW_1.replace(/;11$/, ';-1'))).message).toBe(
      'line 2: G3 must be a whole number from 0 to 20',
    );
    expect(errorOf(file(HEADER, ROW_1.replace('"11";11', '"11.5";11'))).message).toBe(
      'line 2: G2 must be a whole number from 0 to 20',
    );
    expect(errorOf(file(HEADER, ROW_1.replace('"11";11', '"21";11'))).message).toBe(
      'line 2: G2 must be a whole number from 0 to 20',
    );
    expect(errorOf(file(HEADER, ROW_1, ROW_2.replace('"M"', '"X"'))).message).toBe(
      'line 3: sex must be F, M or empty',
    );
    expect(errorOf(file(HEADER, ROW_1.replace(';18;', ';;'))).message).toBe(
      'line 2: age must be a whole number from 0 to 99',
    );
  });

  it('names the line of a broken quote', () => {
    expect(errorOf(file(HEADER, ROW_1, ROW_2.replace('"GP"', '"GP'))).line).toBe(3);
  });
});

describe('parseFolds', () => {
  const folds = JSON.stringify({
    n_splits: 2,
    fold_of_row: [
      [0, 1, 0, 1],
      [1, 0, 0, 1],
    ],
  });

  it('reads repeats × rows of folds', () => {
    expect(parseFolds(folds, 4)).toEqual({
      folds: [
        [0, 1, 0, 1],
        [1, 0, 0, 1],
      ],
      k: 2,
    });
    expect(parseFolds(JSON.stringify({ fold_of_row: [[0, 1, 2, 2]] }), 4).k).toBe(3);
  });

  it('refuses a wrong row count, a fold outside 0…k−1, an empty fold, a non-number and non-JSON', () => {
    expect(() => parseFolds(folds, 5)).toThrow('fold_of_row[0] has 4 rows where the data set has 5');
    expect(() => parseFolds(JSON.stringify({ n_splits: 2, fold_of_row: [[0, 1, 2, 1]] }), 4)).toThrow(
      'fold_of_row[0] names a fold outside 0…1',
    );
    expect(() => parseFolds(JSON.stringify({ n_splits: 3, fold_of_row: [[0, 1, 0, 1]] }), 4)).toThrow(
      'fold_of_row[0] has no row in fold 2',
    );
    expect(() => parseFolds(JSON.stringify({ fold_of_row: [[0, '1', 0, 1]] }), 4)).toThrow(UciFileError);
    expect(() => parseFolds(JSON.stringify({ fold_of_row: [[0, 1.5, 0, 1]] }), 4)).toThrow(UciFileError);
    expect(() => parseFolds('{', 4)).toThrow('the folds file is not JSON');
    expect(() => parseFolds('[]', 4)).toThrow(UciFileError);
  });
});
