import type { EjournalKind, TEjournalImportResult } from '../../../common/api/ejournal.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type CopySink, copyField, openCopySink } from '../../platform/copy-in.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { Database, Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { TableLimits, TableStream } from '../imports/index.ts';
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

/**
 * A checked record as a line of COPY text in the order of the staging columns (see
 * `import-repo.ts`): for the staging table (`line` first) or for the kind's table (then `source`).
 */
function copyLine(line: number, c: Extract<Checked, { ok: true }>, staged: boolean): string {
  const r = c.record;
  // Attendance, the bulk of a semester: only the subject is free text (the id, date, numbers and
  // reason come from the checks), so only it is escaped.
  const fields =
    'lessonNo' in r
      ? `${r.studentId}\t${r.onDate}\t${r.lessonNo}\t${r.lessons}\t${copyField(r.subject)}\t${r.reason}`
      : ('mark' in r
          ? [r.studentId, r.subject, r.onDate, r.mark, r.value]
          : [r.studentId, r.onDate, r.kind, r.note, r.noteHash]
        )
          .map(copyField)
          .join('\t');
  return staged ? `${line}\t${fields}\n` : `${fields}\timport\n`;
}

/** What streaming a file through the row checks gave. */
interface Streamed {
  rows: number;
  /** Rows that passed the checks (and were copied). */
  copied: number;
  errors: RowError[];
  /** The students and days of the rows that passed: the indicators to recompute. */
  studentIds: Set<string>;
  dates: Set<string>;
}

/**
 * Streams the rows of `table` through `check`, copying those that pass into `sink` (`staged`: the
 * staging table's lines) one COPY message per batch, and collecting the first row errors.
 */
async function streamChecked(
  table: TableStream,
  check: (row: string[]) => Checked,
  sink: CopySink,
  staged: boolean,
  onBatch: () => Promise<void>,
): Promise<Streamed> {
  const out: Streamed = { rows: 0, copied: 0, errors: [], studentIds: new Set(), dates: new Set() };
  for await (const batch of table.rows) {
    let text = '';
    for (const row of batch) {
      out.rows++;
      const c = check(row);
      if (c.ok) {
        out.copied++;
        out.studentIds.add(c.record.studentId);
        out.dates.add(c.record.onDate);
        text += copyLine(out.rows + 1, c, staged);
      } else if (out.errors.length < MAX_REPORTED_ERRORS)
        out.errors.push({ row: out.rows + 1, field: c.field, code: c.code });
    }
    if (text) await sink.write(text);
    await onBatch();
  }
  await sink.end();
  return out;
}

/** What the import wrote: inserted and updated rows of `keys` distinct records. */
type Merged = Streamed & { inserted: number; updated: number; keys: number };

/** The 400 naming the first row errors in file order. */
function rowErrors(errors: RowError[]): AppError {
  errors.sort((a, b) => a.row - b.row);
  return new AppError(
    400,
    'ejournal_has_errors',
    errors.slice(0, MAX_REPORTED_ERRORS).map((e) => ({ path: `row.${e.row}.${e.field}`, message: e.code })),
  );
}

/**
 * Copies the file's checked rows into the staging table, finds records given two ways, and merges
 * the rest into the kind's table (see `import-repo.ts`); 400 naming the rows at fault.
 */
async function stageAndMerge(
  tx: Db,
  dbKind: Database['kind'],
  kind: EjournalKind,
  table: TableStream,
  check: (row: string[]) => Checked,
  onBatch: () => Promise<void>,
): Promise<Merged> {
  await stage.createStage(tx, kind);
  const sink = await openCopySink(tx, dbKind, stage.stageTarget(kind));
  const streamed = await streamChecked(table, check, sink, true, onBatch);
  const { copied, errors } = streamed;
  if (copied > 0) await stage.analyzeStage(tx);
  const keys = copied > 0 ? await stage.countStagedKeys(tx, kind) : 0;
  const repeated = keys !== copied;
  if (repeated)
    for (const line of await stage.findConflictingLines(tx, kind, MAX_REPORTED_ERRORS))
      errors.push({ row: line, field: 'date', code: 'duplicate_row' });
  if (errors.length) throw rowErrors(errors);
  const { inserted, updated } =
    copied > 0 ? await stage.mergeStage(tx, kind, repeated) : { inserted: 0, updated: 0 };
  return { ...streamed, inserted, updated, keys };
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
      // Monotonic: a file staged after a refused straight copy is read a second time.
      if (p <= reported) return;
      reported = p;
      await onProgress?.(p);
    };
    const table = await openUploadedTable(file.path, EJOURNAL_LIMITS, (n) => {
      read += n;
    });
    return database.withTx(
      async (tx) => {
        await loadOwnSchoolFor(ctx, school.id, EJOURNAL_IMPORT, tx);
        const students = await repo.findSchoolStudentsByCode(tx, school.id);
        const { missing, check } = rowChecker(kind, table.headers, students, todayInLatvia());
        if (missing.length)
          throw new AppError(
            400,
            'ejournal_has_errors',
            missing.map((field) => ({ path: `row.1.${field}`, message: 'column_missing' })),
          );
        const onBatch = () => (file.bytes > 0 ? report((70 * read) / file.bytes) : Promise.resolve());
        // First try copying the checked rows straight into the table: a file of only new records
        // (a school's first file, a new semester's) needs no staging and no merge. A stored record,
        // or a record given twice, trips the unique key: the copy is undone and the file staged.
        let merged: Merged;
        await stage.raiseWorkMem(tx, database.kind === 'postgres');
        await stage.beginDirectCopy(tx);
        try {
          const sink = await openCopySink(tx, database.kind, stage.directTarget(kind));
          const direct = await streamChecked(table, check, sink, false, onBatch);
          await stage.keepDirectCopy(tx);
          if (direct.errors.length) throw rowErrors(direct.errors);
          merged = { ...direct, inserted: direct.copied, updated: 0, keys: direct.copied };
        } catch (e) {
          if (!stage.isRepeatedKey(e)) throw e;
          await stage.undoDirectCopy(tx);
          read = 0;
          const again = await openUploadedTable(file.path, EJOURNAL_LIMITS, (n) => {
            read += n;
          });
          merged = await stageAndMerge(tx, database.kind, kind, again, check, onBatch);
        }
        await report(85);

        const { rows, inserted, updated, keys, studentIds, dates } = merged;
        // Recomputed even when nothing changed: re-importing a file repairs indicators left stale.
        const studentsRefreshed =
          dates.size > 0 ? await refreshFor(tx, [...dates].sort(), stage.ofStudentIds(studentIds)) : 0;
        await writeAudit(tx, ctx, {
          action: `ejournal.import_${kind}`,
          entityType: 'organisation',
          entityId: school.id,
          orgId: school.id,
        });
        await report(100);
        return { kind, rows, inserted, updated, unchanged: keys - inserted - updated, studentsRefreshed };
      },
      { longStatements: true },
    );
  });
}
