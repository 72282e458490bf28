import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './db.ts';
import type { JobState, JobStatus } from './jobs.ts';

/** One row of `job_runs` as SQL returns it. */
interface JobRunRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  done: string | number;
  total: string | number | null;
  result: unknown;
  error_code: string | null;
  org_id: string | null;
  student_data: boolean;
  created_by: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

const iso = (v: string | Date): string => new Date(v).toISOString();

/** The status a page sees (the job's data stays on the server). */
export function statusOf(row: JobRunRow): JobStatus {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    done: Number(row.done),
    total: row.total === null ? null : Number(row.total),
    result: row.result ?? null,
    errorCode: row.error_code,
    orgId: row.org_id,
    studentData: row.student_data,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

const COLUMNS = sql.raw(
  'id, name, state, data, done, total, result, error_code, org_id, student_data, created_by, created_at, updated_at',
);

/**
 * Records a new queued job; false when a queued or running job holds the same singleton key (the
 * partial unique index decides, so two instances sending at once get one row).
 */
export async function insertJobRun(
  db: Db,
  v: {
    id: string;
    name: string;
    data: unknown;
    orgId: string | null;
    singletonKey: string | null;
    studentData: boolean;
    createdBy: string | null;
    at: Date;
  },
): Promise<boolean> {
  const at = v.at.toISOString();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into job_runs (id, name, data, org_id, singleton_key, student_data, created_by, created_at, updated_at)
        values (${v.id}, ${v.name}, ${JSON.stringify(v.data ?? {})}::jsonb, ${v.orgId}, ${v.singletonKey},
          ${v.studentData}, ${v.createdBy}, ${at}, ${at})
        on conflict do nothing returning id`,
  );
  return rows.length > 0;
}

/**
 * Gives up jobs that hold `singletonKey` but stopped reporting before `staleBefore` (their process
 * died mid-way), so the key does not block every later send.
 */
export async function failStaleJobRuns(
  db: Db,
  singletonKey: string,
  staleBefore: Date,
  at: Date,
): Promise<void> {
  await db.execute(
    sql`update job_runs set state = 'failed', error_code = 'job_abandoned', updated_at = ${at.toISOString()}
        where singleton_key = ${singletonKey} and state = 'running' and updated_at < ${staleBefore.toISOString()}`,
  );
}

/** Deletes a job row whose queueing failed after it was recorded. */
export async function deleteJobRun(db: Db, id: string): Promise<void> {
  await db.execute(sql`delete from job_runs where id = ${id}`);
}

/**
 * Marks a job running and returns its name and data; null when another runner took it first or it
 * is no longer queued. `orRunning` lets pg-boss's retry of an expired job take it again.
 */
export async function claimJobRun(
  db: Db,
  id: string,
  at: Date,
  orRunning = false,
): Promise<{ name: string; data: unknown } | null> {
  const states = orRunning ? sql`state in ('queued', 'running')` : sql`state = 'queued'`;
  const rows = await queryRows<{ name: string; data: unknown }>(
    db,
    sql`update job_runs set state = 'running', updated_at = ${at.toISOString()}
        where id = ${id} and ${states} returning name, data`,
  );
  return rows[0] ?? null;
}

/** Ids of queued jobs, oldest first (a runner starting up picks them up). */
export async function findQueuedJobRunIds(db: Db, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from job_runs where state = 'queued' and name in (${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )}) order by created_at, id`,
  );
  return rows.map((r) => r.id);
}

/** Puts jobs left running by a process that ended back in the queue (PGlite: one process only). */
export async function requeueRunningJobRuns(db: Db, at: Date): Promise<void> {
  await db.execute(
    sql`update job_runs set state = 'queued', updated_at = ${at.toISOString()} where state = 'running'`,
  );
}

/** Records progress. */
export async function updateJobProgress(
  db: Db,
  id: string,
  done: number,
  total: number | null | undefined,
  at: Date,
): Promise<void> {
  const totalSet = total === undefined ? sql`` : sql`, total = ${total}`;
  await db.execute(
    sql`update job_runs set done = ${done}${totalSet}, updated_at = ${at.toISOString()} where id = ${id}`,
  );
}

/** Records the end of a job: its result, or its error code (its singleton key is free again). */
export async function finishJobRun(
  db: Db,
  id: string,
  outcome: { result: unknown } | { errorCode: string },
  at: Date,
): Promise<void> {
  const set =
    'result' in outcome
      ? sql`state = 'done', result = ${JSON.stringify(outcome.result ?? null)}::jsonb`
      : sql`state = 'failed', error_code = ${outcome.errorCode}`;
  await db.execute(sql`update job_runs set ${set}, updated_at = ${at.toISOString()} where id = ${id}`);
}

/** One job's status, or null. */
export async function findJobRun(db: Db, id: string): Promise<JobStatus | null> {
  const rows = await queryRows<JobRunRow>(db, sql`select ${COLUMNS} from job_runs where id = ${id}`);
  return rows[0] ? statusOf(rows[0]) : null;
}
