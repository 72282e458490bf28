import { readFile } from 'node:fs/promises';
import type { TImportUpload, TStudentMapping } from '../../../common/api/imports.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newToken } from '../../platform/tokens.ts';
import type { SpooledFile } from '../../platform/upload-spool.ts';
import { loadOwnSchoolFor } from '../organisations/index.ts';
import { STUDENT_IMPORT } from '../students/index.ts';
import { withStoredFile } from './class-list-stream.ts';
import * as repo from './repo.ts';
import { openUploadedTable } from './stream-table.ts';
import {
  commitStudentList,
  errorReportCsv,
  loadImport,
  previewStudentList,
  type StagingSource,
  uploadStudentList,
} from './student-import.ts';
import { CLASS_LIST_LIMITS } from './table-limits.ts';

/**
 * How long the school's import lock lasts without renewal. The running import renews it every
 * LOCK_RENEW_MS, so a lock left by an instance that died (kill -9, a lost machine) frees itself
 * within LOCK_TTL_MS and the school can import again; a live import never loses it. (A fixed 15
 * minutes before: a killed import locked its school out for a quarter of an hour.)
 */
export const LOCK_TTL_MS = 60_000;
const LOCK_RENEW_MS = 15_000;

/**
 * Runs `fn` as the school's one running import (class list or e-journal): a second one at the
 * same time is refused with 409 `import_running`. The lock is a committed row, so it holds across
 * app instances; the file is parsed outside any transaction, so the database stays free meanwhile.
 */
export async function runSchoolImport<T>(
  database: Database,
  schoolId: string,
  fn: () => Promise<T>,
): Promise<T> {
  const token = newToken(16);
  const startedAt = now();
  const expiresAt = new Date(startedAt.getTime() + LOCK_TTL_MS);
  const taken = await database.withTx((tx) =>
    repo.takeImportLock(tx, { schoolId, token, startedAt, expiresAt }),
  );
  if (!taken) throw new AppError(409, 'import_running');
  // A renewal that fails (the database restarting) is tried again at the next beat; the import's
  // own queries fail then too. On PGlite it waits behind the import's transaction, which is fine:
  // nothing else can take the lock while that transaction holds the one connection.
  const renew = setInterval(() => {
    const until = new Date(now().getTime() + LOCK_TTL_MS);
    database.withTx((tx) => repo.renewImportLock(tx, schoolId, token, until)).catch(() => undefined);
  }, LOCK_RENEW_MS);
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await database.withTx((tx) => repo.releaseImportLock(tx, schoolId, token));
  }
}

/** 404 outside the caller's scope, 403 without the import right (before an upload is read). */
export async function checkClassListRight(ctx: RequestContext, database: Database, schoolId: string) {
  await database.read((db) => loadOwnSchoolFor(ctx, schoolId, STUDENT_IMPORT, db));
}

/**
 * Reads a class list from a file on disk (spooled upload or the command line's file) as the
 * school's running import: streams it once to check its shape and count its rows, then stores it
 * with the import (so every app instance can preview and commit it). The file stays where it is.
 */
export async function uploadStudentListFile(
  ctx: RequestContext,
  database: Database,
  schoolId: string,
  fileName: string,
  file: SpooledFile,
): Promise<TImportUpload> {
  const school = await database.read((db) => loadOwnSchoolFor(ctx, schoolId, STUDENT_IMPORT, db));
  return runSchoolImport(database, school.id, async () => {
    const table = await openUploadedTable(file.path, CLASS_LIST_LIMITS);
    let rowCount = 0;
    for await (const batch of table.rows) rowCount += batch.length;
    const content = await readFile(file.path);
    const { format, encoding, delimiter, headers } = table;
    return database.withTx((tx) =>
      uploadStudentList(
        ctx,
        school.id,
        fileName,
        content,
        { format, encoding, delimiter, headers, rowCount },
        tx,
      ),
    );
  });
}

/**
 * Runs `fn` with the stored file's rows open as a stream, under the school's import lock; the
 * table is opened (and a broken file refused) before any transaction starts.
 */
async function withStoredTable<T>(
  ctx: RequestContext,
  database: Database,
  importId: string,
  locked: boolean,
  fn: (source: StagingSource, rowCount: number) => Promise<T>,
): Promise<T> {
  const file = await database.read((db) => loadImport(ctx, importId, db));
  const run = () =>
    withStoredFile(file.content, async (path) => {
      const table = await openUploadedTable(path, CLASS_LIST_LIMITS);
      return fn({ kind: database.kind, table }, file.rowCount ?? 0);
    });
  return locked ? runSchoolImport(database, file.schoolId, run) : run();
}

/** `previewStudentList` on the stored file streamed from disk, as the school's running import. */
export async function previewStudentListFile(
  ctx: RequestContext,
  database: Database,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
) {
  return withStoredTable(ctx, database, importId, true, (source) =>
    database.withTx((tx) => previewStudentList(ctx, importId, mapping, excludedRows, source, tx), {
      longStatements: true,
    }),
  );
}

/**
 * `commitStudentList` on the stored file streamed from disk, as the school's running import.
 * `onProgress` hears the rows staged out of the file's rows (the command-line import prints it).
 */
export async function commitStudentListFile(
  ctx: RequestContext,
  database: Database,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
  onProgress?: (done: number, total: number) => void,
) {
  return withStoredTable(ctx, database, importId, true, (source, rowCount) =>
    database.withTx(
      (tx) =>
        commitStudentList(
          ctx,
          importId,
          mapping,
          excludedRows,
          { ...source, onRows: (n) => onProgress?.(n, rowCount) },
          tx,
        ),
      { longStatements: true },
    ),
  );
}

/** `errorReportCsv` on the stored file streamed from disk. */
export async function errorReportCsvFile(ctx: RequestContext, database: Database, importId: string) {
  return withStoredTable(ctx, database, importId, false, (source) =>
    database.withTx((tx) => errorReportCsv(ctx, importId, source, tx), { longStatements: true }),
  );
}
