import type {
  TImportPreview,
  TImportRow,
  TImportUpload,
  TStudentMapping,
} from '../../../common/api/imports.ts';
import { maskPersonalCode } from '../../../common/personal-code.ts';
import type { Language } from '../../../common/roles.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit, writeAuditMany } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import { t, tOr } from '../../platform/i18n/index.ts';
import { isMessageCode, type MessageCode, message } from '../../platform/messages.ts';
import { can } from '../../platform/policy/gate.ts';
import { findOrganisationById, loadOwnSchoolFor } from '../organisations/index.ts';
import { findStudentsByCodes, insertStudents, refusedCodeAudit, STUDENT_IMPORT } from '../students/index.ts';
import * as repo from './repo.ts';
import { checkStudentRow, guessMapping, mappingProblems, type StudentRowValues } from './student-rows.ts';
import type { ParsedTable } from './table-limits.ts';

const KIND = 'students';
const COMPARED = ['firstName', 'lastName', 'classLabel', 'grade', 'course', 'birthDate', 'gender'] as const;

/** A row after checking it and comparing it with the register. */
export interface ClassifiedRow {
  rowNumber: number;
  status: 'new' | 'changed' | 'unchanged' | 'error' | 'excluded';
  values: Partial<StudentRowValues>;
  errors: { field: string; code: string }[];
  existingId: string | null;
  changedFields: string[];
  /** A student registered at another school under this code (never shown; only audited). */
  refused?: { id: string; schoolId: string };
}

/** The school for an import: 404 outside scope, 403 without the import right. */
async function loadImportSchool(ctx: RequestContext, schoolId: string, tx: Db) {
  return loadOwnSchoolFor(ctx, schoolId, STUDENT_IMPORT, tx);
}

/** A class-list import the caller may run: 404 when missing or outside scope. */
export async function loadImport(ctx: RequestContext, importId: string, tx: Db) {
  const file = await repo.findImportFile(tx, importId);
  if (!file || file.kind !== KIND) throw new NotFoundError('import', importId);
  const school = await findOrganisationById(tx, file.schoolId);
  if (!school || !can(ctx.actor, STUDENT_IMPORT, { orgPath: school.path }))
    throw new NotFoundError('import', importId, file.schoolId);
  return file;
}

/** Stores an uploaded class list (already parsed as `table`) and answers with its columns and a mapping to start from. */
export async function uploadStudentList(
  ctx: RequestContext,
  schoolId: string,
  fileName: string,
  content: Buffer,
  table: ParsedTable,
  tx: Db,
): Promise<TImportUpload> {
  const school = await loadImportSchool(ctx, schoolId, tx);
  const importId = await repo.insertImportFile(tx, {
    kind: KIND,
    schoolId: school.id,
    fileName,
    content,
    rowCount: table.rows.length,
    createdBy: ctx.actor?.userId ?? null,
  });
  const remembered = await repo.findMapping(tx, school.id, KIND);
  const usable = remembered && mappingProblems(table.headers, remembered).length === 0;
  await writeAudit(tx, ctx, {
    action: 'import.upload',
    entityType: 'import',
    entityId: importId,
    orgId: school.id,
  });
  return {
    importId,
    fileName,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headers: table.headers,
    rowCount: table.rows.length,
    mapping: usable ? remembered : guessMapping(table.headers),
    mappingRemembered: Boolean(usable),
  };
}

/** Checks every row and compares it with the register (upsert by personal code within the school). */
export async function classifyRows(
  tx: Db,
  schoolId: string,
  table: ParsedTable,
  mapping: TStudentMapping,
  excluded: Set<number>,
): Promise<ClassifiedRow[]> {
  const problems = mappingProblems(table.headers, mapping);
  if (problems.length)
    throw new AppError(
      400,
      problems[0].code as MessageCode,
      problems.map((p) => ({ path: `mapping.${p.field}`, message: p.code })),
    );
  const checks = table.rows.map((row, i) => checkStudentRow(table.headers, row, mapping, i + 2));
  const codes = [...new Set(checks.flatMap((c) => (c.ok ? [c.values.personalCode] : [])))];
  const existing = new Map<string, Awaited<ReturnType<typeof findStudentsByCodes>>[number]>();
  for (let i = 0; i < codes.length; i += 5000)
    for (const s of await findStudentsByCodes(tx, codes.slice(i, i + 5000))) existing.set(s.personalCode, s);
  const seen = new Set<string>();
  return checks.map((c): ClassifiedRow => {
    if (excluded.has(c.rowNumber))
      return {
        rowNumber: c.rowNumber,
        status: 'excluded',
        values: c.values,
        errors: [],
        existingId: null,
        changedFields: [],
      };
    if (!c.ok)
      return {
        rowNumber: c.rowNumber,
        status: 'error',
        values: c.values,
        errors: c.errors,
        existingId: null,
        changedFields: [],
      };
    const v = c.values;
    const base = {
      rowNumber: c.rowNumber,
      values: v,
      existingId: null as string | null,
      changedFields: [] as string[],
    };
    if (seen.has(v.personalCode))
      return {
        ...base,
        status: 'error',
        errors: [{ field: 'personalCode', code: 'personal_code_duplicate_row' }],
      };
    seen.add(v.personalCode);
    const current = existing.get(v.personalCode);
    if (!current) return { ...base, status: 'new', errors: [] };
    // The same neutral answer as registering by hand: nothing says where the student is.
    if (current.schoolId !== schoolId)
      return {
        ...base,
        status: 'error',
        errors: [{ field: 'personalCode', code: 'personal_code_taken' }],
        refused: { id: current.id, schoolId: current.schoolId },
      };
    const changedFields = COMPARED.filter((f) => (v[f] ?? null) !== ((current[f] as unknown) ?? null));
    return {
      ...base,
      existingId: current.id,
      status: changedFields.length ? 'changed' : 'unchanged',
      errors: [],
      changedFields,
    };
  });
}

function text(code: string, lang: Language): string {
  return isMessageCode(code) ? message(code, lang) : code;
}

/** The API shape of a classified row; the personal code is masked. */
export function presentRow(r: ClassifiedRow, lang: Language): TImportRow {
  return {
    rowNumber: r.rowNumber,
    status: r.status,
    personalCodeMasked: r.values.personalCode ? maskPersonalCode(r.values.personalCode) : null,
    firstName: r.values.firstName ?? null,
    lastName: r.values.lastName ?? null,
    classLabel: r.values.classLabel ?? null,
    changedFields: r.changedFields,
    errors: r.errors.map((e) => ({ ...e, message: text(e.code, lang) })),
  };
}

function countRows(rows: ClassifiedRow[]) {
  const counts = { new: 0, changed: 0, unchanged: 0, error: 0, excluded: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}

const PREVIEW_LIMIT = 1000;

/** Every row as new / changed / unchanged / error / excluded, errors first. Nothing is written but the mapping tried. */
export async function previewStudentList(
  ctx: RequestContext,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
  table: ParsedTable,
  tx: Db,
): Promise<TImportPreview> {
  const file = await loadImport(ctx, importId, tx);
  const rows = await classifyRows(tx, file.schoolId, table, mapping, new Set(excludedRows));
  await writeAuditMany(
    tx,
    ctx,
    rows.flatMap((r) => (r.refused ? refusedCodeAudit(file.schoolId, r.refused) : [])),
  );
  await repo.setImportResult(tx, importId, file.status === 'committed' ? 'committed' : 'previewed', {
    mapping,
    excludedRows,
  });
  await writeAudit(tx, ctx, {
    action: 'import.preview',
    entityType: 'import',
    entityId: importId,
    orgId: file.schoolId,
  });
  const ordered = [...rows.filter((r) => r.status === 'error'), ...rows.filter((r) => r.status !== 'error')];
  return {
    counts: countRows(rows),
    rows: ordered.slice(0, PREVIEW_LIMIT).map((r) => presentRow(r, ctx.language)),
    truncated: ordered.length > PREVIEW_LIMIT,
  };
}

/** The error rows of the last preview as CSV (row, field, message), for the school to fix the file. */
export async function errorReportCsv(
  ctx: RequestContext,
  importId: string,
  table: ParsedTable,
  tx: Db,
): Promise<string> {
  const file = await loadImport(ctx, importId, tx);
  const saved = file.result as { mapping?: TStudentMapping; excludedRows?: number[] } | null;
  const mapping = saved?.mapping ?? guessMapping(table.headers);
  const rows = await classifyRows(tx, file.schoolId, table, mapping, new Set(saved?.excludedRows ?? []));
  await writeAudit(tx, ctx, {
    action: 'import.error_report',
    entityType: 'import',
    entityId: importId,
    orgId: file.schoolId,
  });
  const lang = ctx.language;
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [
    [
      t(lang, 'imports.errorReport.row'),
      t(lang, 'imports.errorReport.field'),
      t(lang, 'imports.errorReport.error'),
    ].join(';'),
  ];
  for (const r of rows)
    for (const e of r.errors)
      lines.push(
        [
          String(r.rowNumber),
          quote(tOr(lang, `imports.fields.${e.field}`, e.field)),
          quote(text(e.code, lang)),
        ].join(';'),
      );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Applies the whole file or nothing: with any error row not excluded it refuses, otherwise it
 * inserts new students and updates changed ones in the caller's transaction, with one audit row
 * each. `onProgress` reports rows written (the command-line import prints it).
 */
export async function commitStudentList(
  ctx: RequestContext,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
  table: ParsedTable,
  tx: Db,
  onProgress?: (done: number, total: number) => void,
) {
  const file = await loadImport(ctx, importId, tx);
  if ((await repo.lockImportFile(tx, importId)) === 'committed') throw new AppError(409, 'import_committed');
  const rows = await classifyRows(tx, file.schoolId, table, mapping, new Set(excludedRows));
  const counts = countRows(rows);
  if (counts.error > 0)
    throw new AppError(
      400,
      'import_has_errors',
      rows
        .filter((r) => r.status === 'error')
        .slice(0, 50)
        .map((r) => ({ path: `row.${r.rowNumber}`, message: r.errors[0]?.code ?? 'validation' })),
    );
  const toInsert = rows.filter((r) => r.status === 'new');
  const toUpdate = rows.filter((r) => r.status === 'changed');
  const total = toInsert.length + toUpdate.length;
  let done = 0;
  for (let i = 0; i < toInsert.length; i += 1000) {
    const batch = toInsert
      .slice(i, i + 1000)
      .map((r) => ({ ...(r.values as StudentRowValues), schoolId: file.schoolId }));
    const ids = await insertStudents(tx, batch);
    await writeAuditMany(
      tx,
      ctx,
      ids.map((id) => ({
        action: 'student.create',
        entityType: 'student',
        entityId: id,
        orgId: file.schoolId,
      })),
    );
    done += batch.length;
    onProgress?.(done, total);
  }
  for (let i = 0; i < toUpdate.length; i += 1000) {
    const batch = toUpdate.slice(i, i + 1000).map((r) => {
      const v = r.values as StudentRowValues;
      return {
        id: r.existingId as string,
        firstName: v.firstName,
        lastName: v.lastName,
        classLabel: v.classLabel,
        grade: v.grade,
        course: v.course,
        birthDate: v.birthDate,
        gender: v.gender,
      };
    });
    await repo.updateStudentsBulk(tx, batch);
    await writeAuditMany(
      tx,
      ctx,
      batch.map((b) => ({
        action: 'student.update',
        entityType: 'student',
        entityId: b.id,
        orgId: file.schoolId,
      })),
    );
    done += batch.length;
    onProgress?.(done, total);
  }
  const result = {
    created: toInsert.length,
    updated: toUpdate.length,
    unchanged: counts.unchanged,
    excluded: counts.excluded,
  };
  await repo.saveMapping(tx, file.schoolId, KIND, mapping);
  await repo.setImportResult(tx, importId, 'committed', { mapping, excludedRows, ...result });
  await writeAudit(tx, ctx, {
    action: 'import.commit',
    entityType: 'import',
    entityId: importId,
    orgId: file.schoolId,
  });
  return result;
}
