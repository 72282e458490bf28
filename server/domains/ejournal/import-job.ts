import type { EjournalKind, TEjournalImportResult } from '../../../common/api/ejournal.ts';
import type { RequestContext } from '../../platform/actor.ts';
import type { Database } from '../../platform/db.ts';
import { presentAppError } from '../../platform/error-handler.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobRunner } from '../../platform/jobs.ts';
import { removeSpooled, type SpooledFile } from '../../platform/upload-spool.ts';
import { loadOwnSchoolFor } from '../organisations/index.ts';
import { importEjournalFromFile } from './import-stream.ts';
import { EJOURNAL_IMPORT } from './policy.ts';

/** The background e-journal import's job name. */
export const EJOURNAL_IMPORT_JOB = 'ejournal.import';

/** What the job carries: who asked (for the checks and the audit), the school, the kind and the spooled file. */
export interface ImportJobData {
  ctx: RequestContext;
  schoolId: string;
  kind: EjournalKind;
  file: SpooledFile;
}

type ImportRequest = Omit<ImportJobData, 'ctx'>;

/** 404 outside the caller's scope, 403 without the import right (before the upload is read). */
export async function checkImportRight(ctx: RequestContext, database: Database, schoolId: string) {
  await database.read((db) => loadOwnSchoolFor(ctx, schoolId, EJOURNAL_IMPORT, db));
}

/** Imports the spooled file while the request waits, then removes it. */
export async function runImportNow(
  ctx: RequestContext,
  database: Database,
  { schoolId, kind, file }: ImportRequest,
): Promise<TEjournalImportResult> {
  try {
    return await importEjournalFromFile(ctx, database, schoolId, kind, file);
  } finally {
    removeSpooled(file);
  }
}

/**
 * Queues the import of a spooled file; the job's status (organisation: the school) carries its
 * progress in percent and, when done, the import's counts or, for a refused file, `{ error }` with
 * the code and row errors a 400 would carry.
 */
export async function sendImportJob(jobs: JobRunner, ctx: RequestContext, request: ImportRequest) {
  const data: ImportJobData = { ctx: { ...ctx }, ...request };
  // One import per school at a time: a double click, or a second instance, gets 409 import_running.
  const id = await jobs.send(EJOURNAL_IMPORT_JOB, data, {
    orgId: request.schoolId,
    singletonKey: `${EJOURNAL_IMPORT_JOB}:${request.schoolId}`,
    createdBy: ctx.actor?.userId ?? null,
  });
  if (!id) {
    removeSpooled(request.file);
    throw new AppError(409, 'import_running');
  }
  return id;
}

/** Registers the background import's handler on the app's job runner. */
export function registerImportJob(jobs: JobRunner, database: Database): void {
  jobs.register<ImportJobData>(EJOURNAL_IMPORT_JOB, async ({ ctx, schoolId, kind, file }, job) => {
    try {
      return await importEjournalFromFile(ctx, database, schoolId, kind, file, (p) => job.progress(p, 100));
    } catch (e) {
      // A refused file is an answer for the page (which rows to fix), not a failure of the job.
      if (e instanceof AppError && e.status < 500) return presentAppError(e, ctx.language);
      throw e;
    } finally {
      removeSpooled(file);
    }
  });
}
