import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/**
 * The UCI "Student Performance" file (P. Cortez and A. Silva, FUBUTEC 2008; CC BY 4.0; format in
 * ../shared/data/early-warning/README.md) and the folds published with it, read strictly for
 * `cli evaluate-flags` (issue 15): `;`-separated, strings double-quoted, the 33-column header exactly,
 * whole numbers where the data set has numbers. Anything else is a UciFileError naming the line.
 * Only what the evaluation needs is kept: the e-journal's indicators (absences, failures, the period
 * marks G1, G2), the outcome (G3) and `sex`, which only the fairness table reads.
 */

export const UCI_STUDENT_COLUMNS = [
  'school',
  'sex',
  'age',
  'address',
  'famsize',
  'Pstatus',
  'Medu',
  'Fedu',
  'Mjob',
  'Fjob',
  'reason',
  'guardian',
  'traveltime',
  'studytime',
  'failures',
  'schoolsup',
  'famsup',
  'paid',
  'activities',
  'nursery',
  'higher',
  'internet',
  'romantic',
  'famrel',
  'freetime',
  'goout',
  'Dalc',
  'Walc',
  'health',
  'absences',
  'G1',
  'G2',
  'G3',
] as const;

/** The numeric columns and their largest value (marks 0–20; the other counts and scales are small). */
const NUMERIC_COLUMNS: Readonly<Record<string, number>> = {
  age: 99,
  Medu: 9,
  Fedu: 9,
  traveltime: 9,
  studytime: 9,
  failures: 99,
  famrel: 9,
  freetime: 9,
  goout: 9,
  Dalc: 9,
  Walc: 9,
  health: 9,
  absences: 999,
  G1: 20,
  G2: 20,
  G3: 20,
};

/** The largest file read (the published files are under 100 kB). */
export const UCI_MAX_BYTES = 5 * 1024 * 1024;
/** The longest record (a published line is under 200 characters). */
const MAX_RECORD_CHARS = 4096;

export interface UciStudentRow {
  /**
   * Read only for the fairness table, never a model or flag input; null where the file leaves it
   * empty (the published mirror does so once, line 4).
   */
  sex: 'F' | 'M' | null;
  failures: number;
  absences: number;
  /** Period marks on 0–20 (pass ≥ 10). */
  g1: number;
  g2: number;
  g3: number;
}

/** A file that is not the data set, with the line (1-based) where it stopped being one. */
export class UciFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'UciFileError';
  }
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Parses the whole file (bytes as read from disk). */
export function parseUciStudent(bytes: Uint8Array): UciStudentRow[] {
  if (bytes.length === 0) throw new UciFileError('the file is empty');
  if (bytes.length > UCI_MAX_BYTES)
    throw new UciFileError(`the file is larger than ${UCI_MAX_BYTES / 1024 / 1024} MB`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UciFileError('the file is not UTF-8 text');
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new UciFileError('a NUL byte (not a text file)', lineOf(text, nul));
  if (text.trim() === '') throw new UciFileError('the file is empty');

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: ';',
      info: true,
      relax_column_count: true,
      max_record_size: MAX_RECORD_CHARS,
    }) as unknown as typeof records; // `info: true` gives { record, info } (the typings miss it)
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    const tooLong = (err as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE';
    throw new UciFileError(
      tooLong ? `a record longer than ${MAX_RECORD_CHARS} characters` : 'not a ;-separated CSV line',
      typeof line === 'number' ? line : null,
    );
  }
  const [header, ...body] = records;
  if (!header) throw new UciFileError('the file is empty');
  const expected = UCI_STUDENT_COLUMNS.join(';');
  if (header.record.join(';') !== expected)
    throw new UciFileError(
      `the header is not the UCI Student Performance header (${UCI_STUDENT_COLUMNS.length} columns: school;sex;…;G1;G2;G3)`,
      header.info.lines,
    );
  if (body.length === 0) throw new UciFileError('the file has a header and no students');

  return body.map(({ record, info }) => {
    const line = info.lines;
    if (record.length !== UCI_STUDENT_COLUMNS.length)
      throw new UciFileError(
        `${record.length} columns where the header has ${UCI_STUDENT_COLUMNS.length}`,
        line,
      );
    const cell: Record<string, string> = {};
    UCI_STUDENT_COLUMNS.forEach((name, j) => {
      cell[name] = record[j] as string;
    });
    const num = (name: string) => {
      const raw = cell[name] as string;
      const max = NUMERIC_COLUMNS[name] as number;
      if (!/^\d{1,3}$/.test(raw) || Number(raw) > max)
        throw new UciFileError(`${name} must be a whole number from 0 to ${max}`, line);
      return Number(raw);
    };
    for (const name of Object.keys(NUMERIC_COLUMNS)) num(name);
    const sex = cell.sex;
    if (sex !== 'F' && sex !== 'M' && sex !== '') throw new UciFileError('sex must be F, M or empty', line);
    return {
      sex: sex === '' ? null : sex,
      failures: num('failures'),
      absences: num('absences'),
      g1: num('G1'),
      g2: num('G2'),
      g3: num('G3'),
    };
  });
}

/** The published folds: `fold_of_row[r][i]` is the test fold (0 … k−1) of row i in repeat r. */
const ZFolds = z.object({
  n_splits: z.int().min(2).max(100).optional(),
  fold_of_row: z
    .array(z.array(z.int().min(0).max(99)).min(1))
    .min(1)
    .max(100),
});

/** Reads a folds file (JSON text) for a data set of `rows` rows; throws a UciFileError when it does not fit. */
export function parseFolds(text: string, rows: number): { folds: number[][]; k: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UciFileError('the folds file is not JSON');
  }
  const parsed = ZFolds.safeParse(json);
  if (!parsed.success)
    throw new UciFileError(
      `the folds file does not hold fold_of_row (repeats × rows of whole numbers): ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  const folds = parsed.data.fold_of_row;
  const k = parsed.data.n_splits ?? Math.max(...folds.flat()) + 1;
  if (k < 2) throw new UciFileError('the folds file has fewer than 2 folds');
  folds.forEach((repeat, r) => {
    if (repeat.length !== rows)
      throw new UciFileError(`fold_of_row[${r}] has ${repeat.length} rows where the data set has ${rows}`);
    const seen = new Set(repeat);
    for (let f = 0; f < k; f += 1)
      if (!seen.has(f)) throw new UciFileError(`fold_of_row[${r}] has no row in fold ${f}`);
    if (repeat.some((f) => f >= k))
      throw new UciFileError(`fold_of_row[${r}] names a fold outside 0…${k - 1}`);
  });
  return { folds, k };
}
