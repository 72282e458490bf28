import {
  REQUIRED_STUDENT_IMPORT_FIELDS,
  STUDENT_IMPORT_FIELDS,
  type StudentImportField,
  type TStudentMapping,
} from '../../../common/api/imports.ts';
import { parsePersonalCode } from '../../../common/personal-code.ts';
import { parseCalendarDate } from '../../platform/dates.ts';

const SYNONYMS: Record<StudentImportField, string[]> = {
  personalCode: [
    'personas kods',
    'pers. kods',
    'pers kods',
    'personaskods',
    'p.k.',
    'pk',
    'personal code',
    'personal id',
  ],
  firstName: ['vards', 'first name', 'firstname', 'given name', 'name'],
  lastName: ['uzvards', 'last name', 'lastname', 'surname', 'family name'],
  classLabel: ['klase', 'class', 'grupa', 'klase/grupa', 'klases nosaukums'],
  grade: ['klases limenis', 'klases grupa', 'grade', 'level', 'limenis'],
  course: ['kurss', 'course'],
  birthDate: ['dzimsanas datums', 'dzim. datums', 'dzimsanas dat.', 'birth date', 'date of birth', 'dob'],
  gender: ['dzimums', 'gender', 'sex'],
};

/** Lower case without diacritics or surrounding punctuation, for matching header names. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A mapping guessed from header names (Latvian and English). */
export function guessMapping(headers: string[]): TStudentMapping {
  const mapping: TStudentMapping = {};
  for (const field of STUDENT_IMPORT_FIELDS) {
    const hit = headers.find((h) => SYNONYMS[field].includes(normalizeHeader(h)));
    mapping[field] = hit ?? null;
  }
  return mapping;
}

/** Fields whose mapping names no existing column; required fields must be mapped. */
export function mappingProblems(
  headers: string[],
  mapping: TStudentMapping,
): { field: string; code: string }[] {
  const problems: { field: string; code: string }[] = [];
  for (const field of REQUIRED_STUDENT_IMPORT_FIELDS)
    if (!mapping[field]) problems.push({ field, code: 'import_mapping_missing' });
  for (const field of STUDENT_IMPORT_FIELDS) {
    const column = mapping[field];
    if (column && !headers.includes(column)) problems.push({ field, code: 'import_mapping_column' });
  }
  return problems;
}

/** One valid row, ready to compare with the register. */
export interface StudentRowValues {
  personalCode: string;
  personalCodeWarning: boolean;
  firstName: string;
  lastName: string;
  classLabel: string;
  grade: number | null;
  course: number | null;
  birthDate: string | null;
  gender: 'female' | 'male' | null;
}

export type RowCheck =
  | { rowNumber: number; ok: true; values: StudentRowValues }
  | {
      rowNumber: number;
      ok: false;
      values: Partial<StudentRowValues>;
      errors: { field: string; code: string }[];
    };

function parseDate(s: string): string | null | 'invalid' {
  if (!s) return null;
  return parseCalendarDate(s) ?? 'invalid';
}

function parseGender(s: string): 'female' | 'male' | null | 'invalid' {
  const v = normalizeHeader(s);
  if (!v) return null;
  if (['s', 'siev', 'sieviete', 'sieviesu', 'f', 'female', 'meitene'].includes(v)) return 'female';
  if (['v', 'vir', 'virietis', 'viriesu', 'm', 'male', 'zens'].includes(v)) return 'male';
  return 'invalid';
}

function parseLevel(s: string, max: number): number | null | 'invalid' {
  if (!s) return null;
  const n = Number(s.replace(/\.$/, ''));
  return Number.isInteger(n) && n >= 1 && n <= max ? n : 'invalid';
}

/** Checks one data row against the mapping. `rowNumber` is the line in the file (header = 1). */
export function checkStudentRow(
  headers: string[],
  row: string[],
  mapping: TStudentMapping,
  rowNumber: number,
): RowCheck {
  const get = (f: StudentImportField) => {
    const col = mapping[f];
    return col ? (row[headers.indexOf(col)] ?? '').trim() : '';
  };
  const errors: { field: string; code: string }[] = [];
  const values: Partial<StudentRowValues> = {};
  const code = parsePersonalCode(get('personalCode'));
  if (code.ok) {
    values.personalCode = code.normalized;
    values.personalCodeWarning = code.warnings.length > 0;
  } else errors.push({ field: 'personalCode', code: `personal_code_${code.error}` });
  for (const f of ['firstName', 'lastName'] as const) {
    const v = get(f);
    if (!v) errors.push({ field: f, code: 'required' });
    else if (v.length > 100) errors.push({ field: f, code: 'too_long' });
    else values[f] = v;
  }
  const classLabel = get('classLabel');
  if (!classLabel) errors.push({ field: 'classLabel', code: 'required' });
  else if (classLabel.length > 20) errors.push({ field: 'classLabel', code: 'too_long' });
  else values.classLabel = classLabel;

  let grade = parseLevel(get('grade'), 12);
  let course = parseLevel(get('course'), 4);
  if (grade === 'invalid') errors.push({ field: 'grade', code: 'invalid_grade' });
  if (course === 'invalid') errors.push({ field: 'course', code: 'invalid_course' });
  // "7.a" gives grade 7; "2. kurss" gives course 2, when the file has no such column.
  if (grade === null && course === null && classLabel) {
    const lead = /^(\d{1,2})\s*\.?/.exec(classLabel);
    const n = lead ? Number(lead[1]) : Number.NaN;
    if (/kurs|course/i.test(classLabel) && n >= 1 && n <= 4) course = n;
    else if (n >= 1 && n <= 12) grade = n;
  }
  if (grade !== 'invalid' && course !== 'invalid') {
    if (grade === null && course === null) errors.push({ field: 'grade', code: 'grade_or_course' });
    else if (grade !== null && course !== null) errors.push({ field: 'course', code: 'grade_or_course' });
    else {
      values.grade = grade;
      values.course = course;
    }
  }
  const birth = parseDate(get('birthDate'));
  if (birth === 'invalid') errors.push({ field: 'birthDate', code: 'invalid_date' });
  else if (code.ok && code.birthDate && birth && birth !== code.birthDate)
    errors.push({ field: 'birthDate', code: 'birth_date_mismatch' });
  else values.birthDate = (code.ok && code.birthDate) || birth || null;
  const gender = parseGender(get('gender'));
  if (gender === 'invalid') errors.push({ field: 'gender', code: 'invalid_gender' });
  else values.gender = gender;

  return errors.length
    ? { rowNumber, ok: false, values, errors }
    : { rowNumber, ok: true, values: values as StudentRowValues };
}
