import { now } from './clock.ts';
import { type Database, outsideQueryCount } from './db.ts';
import { errorCodeOf, type JobHandler, type JobRunner, type SendOptions } from './jobs.ts';
import { recordJobRun } from './jobs-record.ts';
import * as repo from './jobs-repo.ts';

/**
 * The in-process runner: jobs run one at a time in this process, in the order sent, and are kept in
 * `job_runs`, so a job still queued when the process stops runs after the next start. Used on PGlite
 * (one process owns the database) and by tests. A job sent before `start` runs at once (tests and
 * imports need no started runner); `start` adds the schedules and takes up jobs an earlier process
 * left queued. Claiming a job is one conditional UPDATE, so two runners never run the same job.
 */
export function inProcessJobRunner(database: Database): JobRunner {
  const handlers = new Map<string, JobHandler<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  const schedules: { name: string; everyMinutes: number }[] = [];
  let tail: Promise<void> = Promise.resolve();
  let stopped = false;
  let started = false;

  async function run(id: string): Promise<void> {
    if (stopped) return;
    const claimed = await database.withTx((tx) => repo.claimJobRun(tx, id, now()));
    if (!claimed) return;
    const handler = handlers.get(claimed.name);
    let outcome: { result: unknown } | { errorCode: string };
    if (!handler) outcome = { errorCode: 'job_unknown' };
    else
      try {
        // Progress is written without waiting for it: a handler reports from inside its own
        // transaction, and on PGlite (one connection) a write that waited would wait for ever.
        let written: Promise<unknown> = Promise.resolve();
        const result = await handler(claimed.data, {
          id,
          progress: async (done, total) => {
            written = written
              .then(() => database.withTx((tx) => repo.updateJobProgress(tx, id, done, total, now())))
              .catch(() => undefined);
          },
        });
        await written;
        outcome = { result: result ?? null };
      } catch (err) {
        outcome = { errorCode: errorCodeOf(err) };
      }
    await database.withTx((tx) => repo.finishJobRun(tx, id, outcome, now()));
  }

  /** Queues `id` behind the jobs already waiting in this process; a failure to record ends quietly. */
  const enqueue = (id: string) =>
    outsideQueryCount(() => {
      tail = tail.then(() => run(id)).catch(() => undefined);
    });

  const sendScheduled = (name: string) =>
    void runner.send(name, {}, { singletonKey: name }).catch(() => null);

  function schedule(name: string, everyMinutes: number): void {
    sendScheduled(name);
    timers.push(setInterval(() => sendScheduled(name), everyMinutes * 60_000).unref());
  }

  const runner: JobRunner = {
    register(name, handler) {
      handlers.set(name, handler as JobHandler<unknown>);
    },
    async send(name, data, options: SendOptions = {}) {
      const id = await recordJobRun(database, name, data, options);
      if (id) enqueue(id);
      return id;
    },
    get: (id) => database.read((db) => repo.findJobRun(db, id)),
    depth: () => database.read((db) => repo.countUnfinishedJobRuns(db)),
    every(name, everyMinutes) {
      schedules.push({ name, everyMinutes });
      if (started) schedule(name, everyMinutes);
    },
    async start() {
      started = true;
      stopped = false;
      // One process owns a PGlite database: a job it left running was cut off and runs again.
      if (database.kind === 'pglite') await database.withTx((tx) => repo.requeueRunningJobRuns(tx, now()));
      const queued = await database.read((db) => repo.findQueuedJobRunIds(db, [...handlers.keys()]));
      for (const id of queued) enqueue(id);
      for (const s of schedules) schedule(s.name, s.everyMinutes);
    },
    async stop() {
      // Jobs still queued stay in the table for the next start; the running one finishes first.
      stopped = true;
      for (const t of timers) clearInterval(t);
      timers.length = 0;
      await tail;
    },
  };
  return runner;
}
