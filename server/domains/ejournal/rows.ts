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
export type Parsed =
  | { kind: 'attendance'; rows: AttendanceRow[] }
  | { kind: 'marks'; rows: MarkRow[] }
  | { kind: 'behaviour'; rows: BehaviourRow[] };

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

/**
 * Checks every row of an e-journal file and turns it into records for the school's students.
 * Returns all errors (row numbers as in the file, header = 1); the caller writes nothing if any.
 */
export function parseEjournalRows(
  kind: EjournalKind,
  headers: string[],
  data: string[][],
  studentsByCode: Map<string, string>,
  today: string,
): { parsed: Parsed; errors: RowError[] } {
  const { index, missing } = locateColumns(kind, headers);
  const errors: RowError[] = missing.map((field) => ({ row: 1, field, code: 'column_missing' }));
  if (missing.length) return { parsed: { kind, rows: [] } as Parsed, errors };
  const get = (row: string[], field: string) =>
    index[field] === undefined ? '' : (row[index[field]] ?? '').trim();
  const seen = new Map<string, string>();
  const out: (AttendanceRow | MarkRow | BehaviourRow)[] = [];
  for (const [i, row] of data.entries()) {
    const line = i + 2;
    const fail = (field: string, code: string) => errors.push({ row: line, field, code });
    const code = parsePersonalCode(get(row, 'personalCode'));
    const studentId = code.ok ? studentsByCode.get(code.normalized) : undefined;
    if (!code.ok) {
      fail('personalCode', `personal_code_${code.error}`);
      continue;
    }
    if (!studentId) {
      fail('personalCode', 'student_not_found');
      continue;
    }
    const onDate = parseCalendarDate(get(row, 'date'));
    if (!onDate) {
      fail('date', 'invalid_date');
      continue;
    }
    if (onDate > today) {
      fail('date', 'date_in_future');
      continue;
    }
    // The same window as a record entered by hand (ZEventDate): an older date is a typo.
    if (onDate < shiftYears(today, -20)) {
      fail('date', 'date_out_of_range');
      continue;
    }
    let record: AttendanceRow | MarkRow | BehaviourRow;
    let key: string;
    if (kind === 'attendance') {
      const reason = REASONS[normalizeHeader(get(row, 'reason'))];
      if (!reason) {
        fail('reason', 'attendance_reason');
        continue;
      }
      const lessonText = get(row, 'lesson');
      const lessonNo = lessonText === '' ? 0 : Number(lessonText);
      if (!Number.isInteger(lessonNo) || lessonNo < 0 || lessonNo > 12) {
        fail('lesson', 'lesson_number');
        continue;
      }
      const lessonsText = get(row, 'lessons');
      const lessons = lessonNo > 0 ? 1 : lessonsText === '' ? 1 : Number(lessonsText);
      if (!Number.isInteger(lessons) || lessons < 1 || lessons > 12) {
        fail('lessons', 'lesson_number');
        continue;
      }
      record = {
        studentId,
        onDate,
        lessonNo,
        lessons,
        subject: get(row, 'subject') || null,
        reason,
        source: 'import',
      };
      key = `${studentId}|${onDate}|${lessonNo}`;
    } else if (kind === 'marks') {
      const subject = get(row, 'subject');
      if (!subject) {
        fail('subject', 'required');
        continue;
      }
      const mark = parseMark(get(row, 'mark'));
      if (!mark) {
        fail('mark', 'mark_value');
        continue;
      }
      record = { studentId, subject: subject.slice(0, 80), onDate, ...mark, source: 'import' };
      key = `${studentId}|${subject}|${onDate}`;
    } else {
      const k = normalizeHeader(get(row, 'kind'));
      const behaviourKind = ['negativa', 'negative', 'n', '-'].includes(k)
        ? 'negative'
        : ['pozitiva', 'positive', 'p', '+'].includes(k)
          ? 'positive'
          : null;
      if (!behaviourKind) {
        fail('kind', 'behaviour_kind');
        continue;
      }
      const note = get(row, 'note');
      if (!note) {
        fail('note', 'required');
        continue;
      }
      record = {
        studentId,
        onDate,
        kind: behaviourKind,
        note: note.slice(0, 1000),
        noteHash: noteHash(note),
        source: 'import',
      };
      key = `${studentId}|${onDate}|${record.noteHash}`;
    }
    const fingerprint = JSON.stringify(record);
    const earlier = seen.get(key);
    if (earlier !== undefined && earlier !== fingerprint) {
      fail('date', 'duplicate_row');
      continue;
    }
    if (earlier === undefined) {
      seen.set(key, fingerprint);
      out.push(record);
    }
  }
  return { parsed: { kind, rows: out } as Parsed, errors };
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
