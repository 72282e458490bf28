import type { EjournalKind, TEjournalImportResult } from '../../../common/api/ejournal.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { copyField, openCopySink } from '../../platform/copy-in.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { TableLimits } from '../imports/index.ts';
import { openUploadedTable, runSchoolImport } from '../imports/index.ts';
import { loadOwnSchoolFor } from '../organisations/index.ts';
import * as stage from './import-repo.ts';
import { EJOURNAL_IMPORT } from './policy.ts';
import * as repo from './repo.ts';
import { type Checked, type RowError, rowChecker } from './rows.ts';
import { refreshFor } from './service.ts';

/**
 * What one e-journal file may hold: a large school's semester (2,000 students × 90 lessons × 12
 * weeks of lesson-level attendance is under 2,000,000 rows) as CSV; XLSX up to `MAX_XLSX_ROWS`.
 */
export const EJOURNAL_LIMITS: TableLimits = {
  maxRows: 2_000_000,
  maxColumns: 100,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxLineChars: 16 * 1024,
};
/** Bytes of one uploaded e-journal file (2,000,000 CSV rows with subjects fit). */
export const MAX_EJOURNAL_BYTES = 256 * 1024 * 1024;
/** Row errors named in the answer; the file is refused whatever their number. */
const MAX_REPORTED_ERRORS = 50;

/** Import progress in percent: reading and copying the file is most of the work. */
export type ImportProgress = (percent: number) => void | Promise<void>;

/** One checked record as a line of COPY text for the staging table (see `import-repo.ts`). */
function stageLine(line: number, c: Extract<Checked, { ok: true }>): string {
  const r = c.record as unknown as Record<string, string | number | null>;
  const fields =
    'lessonNo' in r
      ? [r.studentId, r.onDate, r.lessonNo, r.lessons, r.subject, r.reason]
      : 'mark' in r
        ? [r.studentId, r.subject, r.onDate, r.mark, r.value]
        : [r.studentId, r.onDate, r.kind, r.note, r.noteHash];
  return `${line}\t${fields.map(copyField).join('\t')}\n`;
}

/**
 * Imports an e-journal export (attendance, marks or behaviour) from a file on disk for one school,
 * as the school's one running import: rows are checked as they stream from the file and copied into
 * a staging table; repeated records are found and the rows merged in SQL, all in one transaction, so
 * nothing is written if any row is wrong; re-importing the same file changes nothing. Indicators are
 * recomputed for the students and semesters the file touches.
 */
export async function importEjournalFromFile(
  ctx: RequestContext,
  database: Database,
  schoolId: string,
  kind: EjournalKind,
  file: { path: string; bytes: number },
  onProgress?: ImportProgress,
): Promise<TEjournalImportResult> {
  const school = await database.read((db) => loadOwnSchoolFor(ctx, schoolId, EJOURNAL_IMPORT, db));
  return runSchoolImport(database, school.id, async () => {
    let read = 0;
    let reported = -1;
    const report = async (percent: number) => {
      const p = Math.min(100, Math.floor(percent));
      if (p === reported) return;
      reported = p;
      await onProgress?.(p);
    };
    const table = await openUploadedTable(file.path, EJOURNAL_LIMITS, (n) => {
      read += n;
    });
    return database.withTx(async (tx) => {
      await loadOwnSchoolFor(ctx, school.id, EJOURNAL_IMPORT, tx);
      const students = await repo.findSchoolStudentsByCode(tx, school.id);
      const { missing, check } = rowChecker(kind, table.headers, students, todayInLatvia());
      if (missing.length)
        throw new AppError(
          400,
          'ejournal_has_errors',
          missing.map((field) => ({ path: `row.1.${field}`, message: 'column_missing' })),
        );
      await stage.createStage(tx, kind, database.kind === 'postgres');
      const sink = await openCopySink(tx, database.kind, stage.stageTarget(kind));
      const errors: RowError[] = [];
      let rows = 0;
      let staged = 0;
      for await (const batch of table.rows) {
        let text = '';
        for (const row of batch) {
          rows++;
          const c = check(row);
          if (c.ok) {
            staged++;
            text += stageLine(rows + 1, c);
          } else if (errors.length < MAX_REPORTED_ERRORS)
            errors.push({ row: rows + 1, field: c.field, code: c.code });
        }
        // One COPY message per batch of rows, not per row.
        if (text) await sink.write(text);
        if (file.bytes > 0) await report((70 * read) / file.bytes);
      }
      await sink.end();
      if (staged > 0) await stage.analyzeStage(tx);
      await report(70);
      const keys = staged > 0 ? await stage.countStagedKeys(tx, kind) : 0;
      const repeated = keys !== staged;
      if (repeated)
        for (const line of await stage.findConflictingLines(tx, kind, MAX_REPORTED_ERRORS))
          errors.push({ row: line, field: 'date', code: 'duplicate_row' });
      if (errors.length) {
        errors.sort((a, b) => a.row - b.row);
        throw new AppError(
          400,
          'ejournal_has_errors',
          errors
            .slice(0, MAX_REPORTED_ERRORS)
            .map((e) => ({ path: `row.${e.row}.${e.field}`, message: e.code })),
        );
      }
      const { inserted, updated } =
        staged > 0 ? await stage.mergeStage(tx, kind, repeated) : { inserted: 0, updated: 0 };
      await report(85);
      const dates = staged > 0 ? await stage.findStagedDates(tx) : [];
      // Recomputed even when nothing changed: re-importing a file repairs indicators left stale.
      const studentsRefreshed = dates.length > 0 ? await refreshFor(tx, dates, stage.ofStaged()) : 0;
      await writeAudit(tx, ctx, {
        action: `ejournal.import_${kind}`,
        entityType: 'organisation',
        entityId: school.id,
        orgId: school.id,
      });
      await report(100);
      return { kind, rows, inserted, updated, unchanged: keys - inserted - updated, studentsRefreshed };
    });
  });
}
