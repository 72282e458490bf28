import type { TImportUpload, TStudentMapping } from '../../../common/api/imports.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newToken } from '../../platform/tokens.ts';
import { loadOwnSchoolFor } from '../organisations/index.ts';
import { STUDENT_IMPORT } from '../students/index.ts';
import { parseUploadedTable } from './parse-upload.ts';
import * as repo from './repo.ts';
import {
  commitStudentList,
  errorReportCsv,
  loadImport,
  previewStudentList,
  uploadStudentList,
} from './student-import.ts';
import { CLASS_LIST_LIMITS } from './table-limits.ts';

/** A lock left by an instance that died frees itself after this long. */
const LOCK_MINUTES = 15;

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
  const expiresAt = new Date(startedAt.getTime() + LOCK_MINUTES * 60_000);
  const taken = await database.withTx((tx) =>
    repo.takeImportLock(tx, { schoolId, token, startedAt, expiresAt }),
  );
  if (!taken) throw new AppError(409, 'import_running');
  try {
    return await fn();
  } finally {
    await database.withTx((tx) => repo.releaseImportLock(tx, schoolId, token));
  }
}

/** Checks the caller's right, then parses the class list in a worker and stores it (see `uploadStudentList`). */
export async function uploadStudentListFile(
  ctx: RequestContext,
  database: Database,
  schoolId: string,
  fileName: string,
  content: Buffer,
): Promise<TImportUpload> {
  const school = await database.read((db) => loadOwnSchoolFor(ctx, schoolId, STUDENT_IMPORT, db));
  return runSchoolImport(database, school.id, async () => {
    const table = await parseUploadedTable(content, CLASS_LIST_LIMITS);
    return database.withTx((tx) => uploadStudentList(ctx, school.id, fileName, content, table, tx));
  });
}

/** `previewStudentList` with the stored file parsed in a worker, as the school's running import. */
export async function previewStudentListFile(
  ctx: RequestContext,
  database: Database,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
) {
  const file = await database.read((db) => loadImport(ctx, importId, db));
  return runSchoolImport(database, file.schoolId, async () => {
    const table = await parseUploadedTable(file.content, CLASS_LIST_LIMITS);
    return database.withTx((tx) => previewStudentList(ctx, importId, mapping, excludedRows, table, tx));
  });
}

/** `commitStudentList` with the stored file parsed in a worker, as the school's running import. */
export async function commitStudentListFile(
  ctx: RequestContext,
  database: Database,
  importId: string,
  mapping: TStudentMapping,
  excludedRows: number[],
  onProgress?: (done: number, total: number) => void,
) {
  const file = await database.read((db) => loadImport(ctx, importId, db));
  return runSchoolImport(database, file.schoolId, async () => {
    const table = await parseUploadedTable(file.content, CLASS_LIST_LIMITS);
    return database.withTx(
      (tx) => commitStudentList(ctx, importId, mapping, excludedRows, table, tx, onProgress),
      { longStatements: true },
    );
  });
}

/** `errorReportCsv` with the stored file parsed in a worker. */
export async function errorReportCsvFile(ctx: RequestContext, database: Database, importId: string) {
  const file = await database.read((db) => loadImport(ctx, importId, db));
  const table = await parseUploadedTable(file.content, CLASS_LIST_LIMITS);
  return database.read((db) => errorReportCsv(ctx, importId, table, db));
}
