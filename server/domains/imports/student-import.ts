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
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import { t, tOr } from '../../platform/i18n/index.ts';
import { isMessageCode, message } from '../../platform/messages.ts';
import { can } from '../../platform/policy/gate.ts';
import { findOrganisationById, loadOwnSchoolFor } from '../organisations/index.ts';
import { refusedCodeAudit, STUDENT_IMPORT } from '../students/index.ts';
import * as stage from './class-list-stage.ts';
import { stageClassList } from './class-list-stream.ts';
import * as repo from './repo.ts';
import type { TableStream } from './stream-table.ts';
import { guessMapping, mappingProblems } from './student-rows.ts';

const KIND = 'students';
const PREVIEW_LIMIT = 1000;
/** Rows named in a refused commit's answer (the error report lists them all). */
const MAX_REPORTED_ERRORS = 50;

/** What an upload learnt of the file: its format and header, and its data rows counted. */
export type TableSummary = Pick<TableStream, 'format' | 'encoding' | 'delimiter' | 'headers'> & {
  rowCount: number;
};

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

/** Stores an uploaded class list (its rows already counted) and answers with its columns and a mapping to start from. */
export async function uploadStudentList(
  ctx: RequestContext,
  schoolId: string,
  fileName: string,
  content: Buffer,
  table: TableSummary,
  tx: Db,
): Promise<TImportUpload> {
  const school = await loadImportSchool(ctx, schoolId, tx);
  const importId = await repo.insertImportFile(tx, {
    kind: KIND,
    schoolId: school.id,
    fileName,
    content,
    rowCount: table.rowCount,
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
    rowCount: table.rowCount,
    mapping: usable ? remembered : guessMapping(table.headers),
    mappingRemembered: Boolean(usable),
  };
}

function text(code: string, lang: Language): string {
  return isMessageCode(code) ? message(code, lang) : code;
}

/** The API shape of a staged row; the personal code is masked. */
function presentRow(r: stage.StagedRow, lang: Language): TImportRow {
  return {
    rowNumber: Number(r.line),
    status: r.status,
    personalCodeMasked: r.personalCode ? maskPersonalCode(r.personalCode) : null,
    firstName: r.firstName ?? null,
    lastName: r.lastName ?? null,
    classLabel: r.classLabel ?? null,
    changedFields: r.changedFields ?? [],
    errors: (r.errors ?? []).map((e) => ({ ...e, message: text(e.code, lang) })),
  };
}

async function countRows(tx: Db) {
  const n = await stage.countStaged(tx);
  return {
    new: n.new ?? 0,
    changed: n.changed ?? 0,
    unchanged: n.unchanged ?? 0,
    error: n.error ?? 0,
    excluded: n.excluded ?? 0,
  };
}

/** Where the rows of an import come from, and how to hear how far the staging got. */
export interface StagingSource {
  kind: 'pglite' | 'postgres';
  table: TableStream;
  onRows?: (rows: number) => void;
}

/** Every row as new / changed / unchanged / error / excluded, errors first. Nothing is written but the mapping tried. */
export async function previewStudentList(
  ctx: RequestContext,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
  source: StagingSource,
  tx: Db,
): Promise<TImportPreview> {
  const file = await loadImport(ctx, importId, tx);
  await stageClassList(tx, source.kind, file.schoolId, source.table, mapping, excludedRows);
  const refused = await stage.findRefusedStudents(tx);
  await writeAuditMany(
    tx,
    ctx,
    refused.flatMap((r) => refusedCodeAudit(file.schoolId, r)),
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
  const counts = await countRows(tx);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = await stage.findPreviewRows(tx, PREVIEW_LIMIT);
  return {
    counts,
    rows: rows.map((r) => presentRow(r, ctx.language)),
    truncated: total > PREVIEW_LIMIT,
  };
}

/** The mapping and excluded rows of the import's last preview (else the guessed mapping). */
export function savedChoice(file: { result: unknown }, headers: string[]) {
  const saved = file.result as { mapping?: TStudentMapping; excludedRows?: number[] } | null;
  return { mapping: saved?.mapping ?? guessMapping(headers), excludedRows: saved?.excludedRows ?? [] };
}

/** The error rows of the last preview as CSV (row, field, message), for the school to fix the file. */
export async function errorReportCsv(
  ctx: RequestContext,
  importId: string,
  source: StagingSource,
  tx: Db,
): Promise<string> {
  const file = await loadImport(ctx, importId, tx);
  const { mapping, excludedRows } = savedChoice(file, source.table.headers);
  await stageClassList(tx, source.kind, file.schoolId, source.table, mapping, excludedRows);
  const rows = await stage.findErrorRows(tx, Number.MAX_SAFE_INTEGER);
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
          String(r.line),
          quote(tOr(lang, `imports.fields.${e.field}`, e.field)),
          quote(text(e.code, lang)),
        ].join(';'),
      );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Applies the whole file or nothing: with any error row not excluded it refuses, otherwise it
 * inserts new students and updates changed ones in the caller's transaction, with one audit row
 * each. `onProgress` reports rows staged, then the rows written (the command-line import prints it).
 */
export async function commitStudentList(
  ctx: RequestContext,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
  source: StagingSource,
  tx: Db,
) {
  const file = await loadImport(ctx, importId, tx);
  if ((await repo.lockImportFile(tx, importId)) === 'committed') throw new AppError(409, 'import_committed');
  await stageClassList(tx, source.kind, file.schoolId, source.table, mapping, excludedRows, source.onRows);
  const counts = await countRows(tx);
  if (counts.error > 0)
    throw new AppError(
      400,
      'import_has_errors',
      (await stage.findErrorRows(tx, MAX_REPORTED_ERRORS)).map((r) => ({
        path: `row.${r.line}`,
        message: r.errors[0]?.code ?? 'validation',
      })),
    );
  const { created, updated } = await stage.mergeStage(tx, ctx, file.schoolId, now());
  const result = { created, updated, unchanged: counts.unchanged, excluded: counts.excluded };
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
