import { createHash } from 'node:crypto';
import type { EjournalKind } from '../../../common/api/ejournal.ts';
import { shiftYears } from '../../../common/api/fields.ts';
import { parsePersonalCode } from '../../../common/personal-code.ts';
import { parseCalendarDate } from '../../platform/dates.ts';
import { normalizeHeader } from '../imports/index.ts';
import type { AttendanceRow, BehaviourRow, MarkRow } from './repo.ts';

/**
 * The e-journal layouts Pumpurs reads (README "E-journal files"): one header row, then one row per
 * absence, mark or behaviour note. Header names are matched without case or diacritics, so the
 * e-klase and Mykoob exports' Latvian names and the English ones both work.
 */
export const EJOURNAL_COLUMNS: Record<
  EjournalKind,
  Record<string, { names: string[]; required: boolean }>
> = {
  attendance: {
    personalCode: {
      names: ['personas kods', 'skolena personas kods', 'pers. kods', 'personal code'],
      required: true,
    },
    date: { names: ['datums', 'date'], required: true },
    lesson: { names: ['stunda', 'stundas nr.', 'stundas nr', 'lesson', 'lesson no'], required: false },
    lessons: { names: ['stundu skaits', 'kavetas stundas', 'lessons'], required: false },
    subject: { names: ['prieksmets', 'subject'], required: false },
    reason: {
      names: ['kavejuma veids', 'apmeklejums', 'statuss', 'veids', 'reason', 'status'],
      required: true,
    },
  },
  marks: {
    personalCode: {
      names: ['personas kods', 'skolena personas kods', 'pers. kods', 'personal code'],
      required: true,
    },
    date: { names: ['datums', 'date'], required: true },
    subject: { names: ['prieksmets', 'subject'], required: true },
    mark: { names: ['vertejums', 'atzime', 'mark'], required: true },
  },
  behaviour: {
    personalCode: {
      names: ['personas kods', 'skolena personas kods', 'pers. kods', 'personal code'],
      required: true,
    },
    date: { names: ['datums', 'date'], required: true },
    kind: { names: ['veids', 'piezimes veids', 'kind', 'type'], required: true },
    note: { names: ['piezime', 'ieraksts', 'teksts', 'note', 'text'], required: true },
  },
};

const REASONS: Record<string, AttendanceRow['reason']> = {
  '+': 'present',
  p: 'present',
  ir: 'present',
  ieradas: 'present',
  present: 'present',
  n: 'unjustified',
  nc: 'unjustified',
  neattaisnots: 'unjustified',
  'nav attaisnots': 'unjustified',
  unjustified: 'unjustified',
  a: 'justified',
  s: 'justified',
  attaisnots: 'justified',
  slimiba: 'justified',
  slims: 'justified',
  justified: 'justified',
  illness: 'justified',
  c: 'other',
  cits: 'other',
  cits_iemesls: 'other',
  other: 'other',
};

export type RowError = { row: number; field: string; code: string };

/** Column index of each field, or the fields that are required and missing. */
export function locateColumns(
  kind: EjournalKind,
  headers: string[],
): { index: Record<string, number>; missing: string[] } {
  const norm = headers.map(normalizeHeader);
  const index: Record<string, number> = {};
  const missing: string[] = [];
  for (const [field, spec] of Object.entries(EJOURNAL_COLUMNS[kind])) {
    const i = norm.findIndex((h) => spec.names.includes(h));
    if (i >= 0) index[field] = i;
    else if (spec.required) missing.push(field);
  }
  return { index, missing };
}

/** A mark as stored: 1–10 with its value, or `nv` / `ns` without one. */
export function parseMark(s: string): { mark: string; value: number | null } | null {
  const v = s.trim().toLowerCase().replace('n/v', 'nv');
  if (v === 'nv' || v === 'ns') return { mark: v, value: null };
  if (/^(10|[1-9])$/.test(v)) return { mark: v, value: Number(v) };
  return null;
}

const CACHE_LIMIT = 100_000;

/** `fn` with its answers remembered per input text, up to CACHE_LIMIT texts. */
function cached<T>(fn: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    const hit = memo.get(text);
    if (hit !== undefined || memo.has(text)) return hit as T;
    const value = fn(text);
    if (memo.size < CACHE_LIMIT) memo.set(text, value);
    return value;
  };
}

export type Checked =
  | { ok: true; record: AttendanceRow | MarkRow | BehaviourRow }
  | { ok: false; field: string; code: string };

/**
 * A checker of one e-journal row at a time, for files streamed row by row: turns a row into a record
 * for one of the school's students or names the field at fault. Rows that repeat a key (the same
 * absence, mark or note) are found later, in SQL, over the whole file.
 */
export function rowChecker(
  kind: EjournalKind,
  headers: string[],
  studentsByCode: Map<string, string>,
  today: string,
): { missing: string[]; check: (row: string[]) => Checked } {
  const { index, missing } = locateColumns(kind, headers);
  const get = (row: string[], field: string) =>
    index[field] === undefined ? '' : (row[index[field]] ?? '').trim();
  const oldest = shiftYears(today, -20);
  const fail = (field: string, code: string): Checked => ({ ok: false, field, code });
  // A file repeats a few thousand codes, a hundred days and a handful of reasons over millions of
  // rows: each distinct text is checked once (the caches stop growing at CACHE_LIMIT entries).
  const student = cached((text) => {
    const code = parsePersonalCode(text);
    if (!code.ok) return fail('personalCode', `personal_code_${code.error}`);
    return studentsByCode.get(code.normalized) ?? fail('personalCode', 'student_not_found');
  });
  const date = cached((text) => {
    const onDate = parseCalendarDate(text);
    if (!onDate) return fail('date', 'invalid_date');
    if (onDate > today) return fail('date', 'date_in_future');
    // The same window as a record entered by hand (ZEventDate): an older date is a typo.
    if (onDate < oldest) return fail('date', 'date_out_of_range');
    return onDate;
  });
  const reasonOf = cached((text) => REASONS[normalizeHeader(text)] ?? null);
  const check = (row: string[]): Checked => {
    const studentId = student(get(row, 'personalCode'));
    if (typeof studentId !== 'string') return studentId;
    const onDate = date(get(row, 'date'));
    if (typeof onDate !== 'string') return onDate;
    if (kind === 'attendance') {
      const reason = reasonOf(get(row, 'reason'));
      if (!reason) return fail('reason', 'attendance_reason');
      const lessonText = get(row, 'lesson');
      const lessonNo = lessonText === '' ? 0 : Number(lessonText);
      if (!Number.isInteger(lessonNo) || lessonNo < 0 || lessonNo > 12)
        return fail('lesson', 'lesson_number');
      const lessonsText = get(row, 'lessons');
      const lessons = lessonNo > 0 ? 1 : lessonsText === '' ? 1 : Number(lessonsText);
      if (!Number.isInteger(lessons) || lessons < 1 || lessons > 12) return fail('lessons', 'lesson_number');
      const subject = get(row, 'subject') || null;
      return {
        ok: true,
        record: { studentId, onDate, lessonNo, lessons, subject, reason, source: 'import' },
      };
    }
    if (kind === 'marks') {
      const subject = get(row, 'subject');
      if (!subject) return fail('subject', 'required');
      const mark = parseMark(get(row, 'mark'));
      if (!mark) return fail('mark', 'mark_value');
      return {
        ok: true,
        record: { studentId, subject: subject.slice(0, 80), onDate, ...mark, source: 'import' },
      };
    }
    const k = normalizeHeader(get(row, 'kind'));
    const behaviourKind = ['negativa', 'negative', 'n', '-'].includes(k)
      ? 'negative'
      : ['pozitiva', 'positive', 'p', '+'].includes(k)
        ? 'positive'
        : null;
    if (!behaviourKind) return fail('kind', 'behaviour_kind');
    const note = get(row, 'note');
    if (!note) return fail('note', 'required');
    return {
      ok: true,
      record: {
        studentId,
        onDate,
        kind: behaviourKind,
        note: note.slice(0, 1000),
        noteHash: noteHash(note),
        source: 'import',
      },
    };
  };
  return { missing, check };
}

/** A template file for each kind, with the documented header and two example rows. */
export function ejournalTemplate(kind: EjournalKind): string {
  const templates: Record<EjournalKind, string[]> = {
    attendance: [
      'Personas kods;Datums;Stunda;Stundu skaits;Priekšmets;Kavējuma veids',
      '120312-20011;15.09.2026;3;;Matemātika;n',
      '120312-20011;16.09.2026;;6;;s',
    ],
    marks: [
      'Personas kods;Datums;Priekšmets;Vērtējums',
      '120312-20011;18.09.2026;Matemātika;3',
      '120312-20011;25.09.2026;Latviešu valoda;nv',
    ],
    behaviour: ['Personas kods;Datums;Veids;Piezīme', '120312-20011;20.09.2026;negatīva;Traucēja stundu'],
  };
  return `\uFEFF${templates[kind].join('\r\n')}\r\n`;
}

/** The key that keeps the same behaviour note on the same day from being stored twice. */
export function noteHash(note: string): string {
  return createHash('sha256').update(note).digest('hex');
}
