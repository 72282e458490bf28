import pg from 'pg';
import PgBoss from 'pg-boss';
import { now } from './clock.ts';
import type { Database } from './db.ts';
import { errorCodeOf, type JobHandler, type JobRunner, type SendOptions } from './jobs.ts';
import { recordJobRun } from './jobs-record.ts';
import * as repo from './jobs-repo.ts';

/** The advisory lock the instances take in turn while starting pg-boss (migrations take 727274). */
const START_LOCK = 727275;

/** pg-boss keeps its queue in a schema of its own. */
export const PG_BOSS_SCHEMA = 'pgboss';

export interface PgBossRunnerOptions {
  /** The PostgreSQL database (the app's own). */
  connectionString: string;
  /** Connections pg-boss itself holds (polling, schedules, maintenance). */
  poolSize?: number;
  /** How often an idle worker asks for a job (seconds; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Called when pg-boss reports an error of its own (logged by main.ts; never job data). */
  onError?: (err: unknown) => void;
}

/** A cron expression for "every n minutes" (whole hours, days and the weekly included). */
export function cronEvery(everyMinutes: number): string {
  const n = Math.max(1, Math.round(everyMinutes));
  if (n < 60) return `*/${n} * * * *`;
  if (n < 1440) return `0 */${Math.max(1, Math.round(n / 60))} * * *`;
  if (n < 7 * 1440) return '0 3 * * *';
  // Weekly and longer: Sundays at 03:00.
  return '0 3 * * 0';
}

/**
 * The runner on PostgreSQL: pg-boss queues the jobs (one instance takes each; a job queued when every
 * instance stops waits in the table; a job cut off by a crash is retried once after it expires), and
 * its cron runs each schedule once across instances. The job's data, progress, result and singleton
 * key live in `job_runs` (the pg-boss job carries only its id), so any instance answers for any job
 * and the unique index on the key decides between two instances sending at once.
 */
export function pgBossJobRunner(database: Database, options: PgBossRunnerOptions): JobRunner {
  const handlers = new Map<string, JobHandler<unknown>>();
  const schedules = new Map<string, number>();
  let boss: PgBoss | null = null;

  async function runJob(job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const at = now();
    // A scheduled job reaches the worker without a row: record it here, once per key.
    const claimed = await database.withTx(async (tx) => {
      await repo.insertJobRun(tx, {
        id: job.id,
        name: job.name,
        data: {},
        orgId: null,
        singletonKey: job.singletonKey ?? null,
        studentData: false,
        createdBy: null,
        at,
      });
      return repo.claimJobRun(tx, job.id, at, job.retryCount > 0);
    });
    if (!claimed) return;
    const handler = handlers.get(claimed.name);
    let outcome: { result: unknown } | { errorCode: string };
    if (!handler) outcome = { errorCode: 'job_unknown' };
    else
      try {
        const result = await handler(claimed.data, {
          id: job.id,
          progress: (done, total) =>
            database.withTx((tx) => repo.updateJobProgress(tx, job.id, done, total, now())),
        });
        outcome = { result: result ?? null };
      } catch (err) {
        // A handler's failure is final (the page shows its code); only a crash is retried.
        outcome = { errorCode: errorCodeOf(err) };
      }
    await database.withTx((tx) => repo.finishJobRun(tx, job.id, outcome, now()));
  }

  async function prepare(b: PgBoss, name: string): Promise<void> {
    await b.createQueue(name, { name, policy: 'standard', retryLimit: 1, retryDelay: 30, expireInHours: 1 });
    await b.work<object>(
      name,
      { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([job]) => {
        if (job) await runJob(job);
      },
    );
  }

  async function schedule(b: PgBoss, name: string, everyMinutes: number): Promise<void> {
    await b.schedule(name, cronEvery(everyMinutes), {}, { singletonKey: name });
    // The first run soon after start, not at the next full hour.
    await runner.send(name, {}, { singletonKey: name });
  }

  const runner: JobRunner = {
    register(name, handler) {
      handlers.set(name, handler as JobHandler<unknown>);
    },
    async send(name, data, opts: SendOptions = {}) {
      if (!boss) throw new Error('job runner not started');
      const id = await recordJobRun(database, name, data, opts);
      if (!id) return null;
      try {
        await boss.send(name, {}, { id });
      } catch (err) {
        await database.withTx((tx) => repo.deleteJobRun(tx, id));
        throw err;
      }
      return id;
    },
    get: (id) => database.read((db) => repo.findJobRun(db, id)),
    depth: () => database.read((db) => repo.countUnfinishedJobRuns(db)),
    every(name, everyMinutes) {
      schedules.set(name, everyMinutes);
      if (boss) void schedule(boss, name, everyMinutes).catch((err) => options.onError?.(err));
    },
    async start() {
      const b = new PgBoss({
        connectionString: options.connectionString,
        schema: PG_BOSS_SCHEMA,
        max: options.poolSize ?? 3,
        application_name: 'pumpurs-jobs',
      });
      b.on('error', (err) => options.onError?.(err));
      // Instances starting at the same moment take turns: pg-boss's schema, queues and schedules
      // created by two at once ended one of them with "deadlock detected".
      const lock = new pg.Client({ connectionString: options.connectionString });
      // A database restart while this client is open must not end the process (an 'error' event
      // without a listener does); the query in flight fails instead and start() is tried again.
      lock.on('error', () => undefined);
      await lock.connect();
      try {
        await lock.query('SELECT pg_advisory_lock($1)', [START_LOCK]);
        await b.start();
        boss = b;
        for (const name of handlers.keys()) await prepare(b, name);
        for (const [name, everyMinutes] of schedules) await schedule(b, name, everyMinutes);
      } catch (err) {
        // Half started: stop it, so that the next start() begins afresh.
        boss = null;
        await b.stop({ graceful: false, wait: false }).catch(() => undefined);
        throw err;
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [START_LOCK]).catch(() => undefined);
        await lock.end().catch(() => undefined);
      }
    },
    async stop() {
      const b = boss;
      boss = null;
      // Waits for the jobs running here; queued ones stay in pg-boss's table for any instance.
      if (b) await b.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
  return runner;
}
