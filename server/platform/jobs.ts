/**
 * Background jobs: one interface, two runners. On PostgreSQL the runner is pg-boss (jobs survive a
 * restart and one instance runs each job; server/platform/jobs-pg-boss.ts); on PGlite, an in-process
 * runner with the same interface (server/platform/jobs-in-process.ts). Both keep each job's status in
 * the `job_runs` table, so any instance answers for any job.
 *
 * A job is named work with JSON data. Its handler reports progress (`done` of `total`, e.g. rows
 * imported) that a page polls with `get(id)`; its result (JSON) or its error code is kept.
 */

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobStatus {
  id: string;
  name: string;
  state: JobState;
  /** Work done so far and in all (null until the handler knows). */
  done: number;
  total: number | null;
  /** The handler's result when done (JSON), e.g. an import's counts. */
  result: unknown;
  /** A message code (server/platform/messages.ts) when failed; never a stack trace. */
  errorCode: string | null;
  /** Who may read this job's status: the organisation whose staff may poll it (null: admins only). */
  orgId: string | null;
  /** Whether the job's result carries student data (reading it is audited). */
  studentData: boolean;
  /** The user who started it (null: the system, e.g. a schedule). */
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobContext {
  id: string;
  /** Records progress; cheap enough to call every few thousand rows. */
  progress(done: number, total?: number | null): Promise<void>;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<unknown>;

export interface SendOptions {
  /** The organisation whose staff may read the status (see `JobStatus.orgId`). */
  orgId?: string | null;
  /**
   * At most one queued or running job with this key: a second `send` with the same key returns
   * null (two instances, or a double click, enqueue it once).
   */
  singletonKey?: string;
  /** The result carries student data: reading the status is audited. */
  studentData?: boolean;
  /** The user who started the job. */
  createdBy?: string | null;
}

/** A failure a handler throws on purpose: its code (server/platform/messages.ts) is kept for the page. */
export class JobError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The message code kept for a handler's failure: its own `code` when it has one, else `job_failed`. */
export function errorCodeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) ? code : 'job_failed';
}

export interface JobRunner {
  /** Registers the handler of `name` (before `start`). */
  register<T>(name: string, handler: JobHandler<T>): void;
  /** Enqueues a job; its id, or null when a job with the same singleton key is queued or running. */
  send<T>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** A job's status, or null when there is none with this id. */
  get(id: string): Promise<JobStatus | null>;
  /** Runs `name` every `everyMinutes` (once across instances), starting soon after `start`. */
  every(name: string, everyMinutes: number): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
