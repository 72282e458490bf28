import { randomUUID } from 'node:crypto';
import { now } from './clock.ts';
import type { Database } from './db.ts';
import type { SendOptions } from './jobs.ts';
import * as repo from './jobs-repo.ts';

/** A running job that has not reported for this long is taken as abandoned (its process died). */
export const STALE_RUNNING_MS = 2 * 3_600_000;

/**
 * Records a new job in `job_runs` (both runners keep status, progress and result there): its id, or
 * null when a job with the same singleton key is queued or running (the unique index decides, also
 * between two instances sending at the same moment).
 */
export async function recordJobRun(
  database: Database,
  name: string,
  data: unknown,
  options: SendOptions = {},
): Promise<string | null> {
  const id = randomUUID();
  const at = now();
  const key = options.singletonKey ?? null;
  const inserted = await database.withTx(async (tx) => {
    if (key) await repo.failStaleJobRuns(tx, key, new Date(at.getTime() - STALE_RUNNING_MS), at);
    return repo.insertJobRun(tx, {
      id,
      name,
      data,
      orgId: options.orgId ?? null,
      singletonKey: key,
      studentData: options.studentData ?? false,
      createdBy: options.createdBy ?? null,
      at,
    });
  });
  return inserted ? id : null;
}
