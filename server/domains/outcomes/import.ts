import { textProblem } from '../../../common/api/fields.ts';
import { MAX_OUTCOME_REASON, type TOutcomeImportResult } from '../../../common/api/outcomes.ts';
import { OUTCOMES, type Outcome } from '../../../common/api/reports.ts';
import { parsePersonalCode } from '../../../common/personal-code.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { RESOURCES } from '../../platform/i18n/index.ts';
import { normalizeHeader, openUploadedTable, type TableLimits } from '../imports/index.ts';
import { loadOwnSchoolFor } from '../organisations/index.ts';
import { OUTCOME_RECORD } from './policy.ts';
import * as repo from './repo.ts';

/** An outcome file: a school's students of a year (every student since issue 15) — a large school has a few thousand. */
export const OUTCOME_LIMITS: TableLimits = {
  maxRows: 5_000,
  maxColumns: 100,
  maxUnzippedBytes: 20 * 1024 * 1024,
  maxLineChars: 16 * 1024,
};
/** Bytes of one uploaded outcome file. */
export const MAX_OUTCOME_BYTES = 10 * 1024 * 1024;
/** Row errors named in the answer; the file is refused whatever their number. */
const MAX_REPORTED_ERRORS = 50;

type Field = 'personalCode' | 'outcome' | 'reason';
const HEADERS: Record<Field, string[]> = {
  personalCode: [
    'personas kods',
    'pers. kods',
    'pers kods',
    'personaskods',
    'pk',
    'personal code',
    'personal id',
  ],
  outcome: ['iznakums', 'macibu gada iznakums', 'outcome', 'year-end outcome', 'rezultats'],
  reason: ['iemesls', 'reason', 'pamatojums'],
};

/** Each outcome by its code and its Latvian and English names, compared as header names are. */
function outcomeNames(): Map<string, Outcome> {
  const names = new Map<string, Outcome>();
  for (const o of OUTCOMES) {
    names.set(o, o);
    for (const lang of ['lv', 'en'] as const) {
      const label = (RESOURCES[lang] as { outcomes?: Record<string, string> }).outcomes?.[o];
      if (label) names.set(normalizeHeader(label), o);
    }
  }
  return names;
}

/** The column of each field in the header, or a 400 naming the missing one. */
function columnsOf(headers: string[]): Record<Field, number> {
  const normalized = headers.map(normalizeHeader);
  const at = (f: Field) => normalized.findIndex((h) => HEADERS[f].includes(h));
  const cols = { personalCode: at('personalCode'), outcome: at('outcome'), reason: at('reason') };
  const missing = (['personalCode', 'outcome'] as const).filter((f) => cols[f] < 0);
  if (missing.length)
    throw new AppError(
      400,
      'outcome_import_columns',
      missing.map((f) => ({ path: `column.${f}`, message: 'import_mapping_missing' })),
    );
  return cols;
}

/** 404/403 before an upload is read: the school must be one the caller records outcomes for. */
export async function checkImportRight(ctx: RequestContext, database: Database, schoolId: string) {
  await database.read((db) => loadOwnSchoolFor(ctx, schoolId, OUTCOME_RECORD, db));
}

interface Checked {
  studentId: string;
  outcome: Outcome;
  reason: string | null;
}

/**
 * Reads an outcome file (personal code, outcome as its code or Latvian/English name, reason) for the
 * school's students of a year and stores it all or nothing: any row at fault is a 422 naming the rows
 * (row number as people count it, field, message) and nothing is saved. The school's students of the
 * year are its programme students (the year's owner, see repo `yearOwners`) and, since issue 15, every
 * other student of it: one of the school now, or one whose indicators of a semester of that year were
 * computed at it (`findYearStudents`). A code not among them is the same row error whether or not the
 * student exists elsewhere. Audited per student.
 */
export async function importOutcomes(
  ctx: RequestContext,
  database: Database,
  schoolId: string,
  schoolYear: number,
  file: string,
): Promise<TOutcomeImportResult> {
  const table = await openUploadedTable(file, OUTCOME_LIMITS);
  const cols = columnsOf(table.headers);
  const rows: string[][] = [];
  for await (const batch of table.rows) rows.push(...batch);
  if (rows.length === 0) throw new AppError(400, 'import_empty');
  return database.withTx(async (tx) => {
    const school = await loadOwnSchoolFor(ctx, schoolId, OUTCOME_RECORD, tx);
    const listed = [
      ...(await repo.findProgrammeStudents(tx, school.id, schoolYear)),
      ...(await repo.findYearStudents(tx, school.id, schoolYear)),
    ];
    const byCode = new Map(listed.map((r) => [r.personal_code, r.student_id]));
    const { checked, errors } = checkRows(rows, cols, byCode);
    if (errors.length)
      throw new AppError(422, 'outcome_import_has_errors', errors.slice(0, MAX_REPORTED_ERRORS));
    const at = now();
    await repo.upsertOutcomes(
      tx,
      checked.map((c) => ({
        ...c,
        schoolYear,
        schoolId: school.id,
        source: 'import' as const,
        recordedBy: ctx.actor?.userId ?? null,
        at,
      })),
    );
    await writeAuditMany(
      tx,
      ctx,
      checked.map((c) => ({
        action: 'outcome.import',
        entityType: 'student',
        entityId: c.studentId,
        orgId: school.id,
      })),
    );
    return { rows: rows.length, saved: checked.length };
  });
}

/** Checks every row; errors in file order (the header is row 1). */
function checkRows(
  rows: string[][],
  cols: Record<Field, number>,
  byCode: Map<string, string>,
): { checked: Checked[]; errors: ErrorDetail[] } {
  const names = outcomeNames();
  const seen = new Set<string>();
  const checked: Checked[] = [];
  const errors: ErrorDetail[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const fail = (field: Field, message: string) => errors.push({ path: `row.${line}.${field}`, message });
    const before = errors.length;
    const code = parsePersonalCode(row[cols.personalCode] ?? '');
    let studentId: string | undefined;
    if (!code.ok) fail('personalCode', `personal_code_${code.error}`);
    else if (seen.has(code.normalized)) fail('personalCode', 'personal_code_duplicate_row');
    else {
      seen.add(code.normalized);
      studentId = byCode.get(code.normalized);
      if (!studentId) fail('personalCode', 'outcome_student_not_listed');
    }
    const outcome = names.get(normalizeHeader(row[cols.outcome] ?? ''));
    if (!outcome) fail('outcome', 'outcome_unknown');
    const reason = cols.reason >= 0 ? (row[cols.reason] ?? '').trim() : '';
    if (reason.length > MAX_OUTCOME_REASON) fail('reason', 'too_big');
    else if (textProblem(reason)) fail('reason', textProblem(reason) as string);
    else if (outcome === 'left_education' && !reason) fail('reason', 'outcome_reason_required');
    if (errors.length === before && studentId && outcome)
      checked.push({ studentId, outcome, reason: outcome === 'left_education' ? reason : null });
  });
  return { checked, errors };
}
