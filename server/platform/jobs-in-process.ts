import { randomUUID } from 'node:crypto';
import { now } from './clock.ts';
import type { JobHandler, JobRunner, JobStatus, SendOptions } from './jobs.ts';

/**
 * The in-process runner: jobs run one at a time in this process, in the order sent. Used on PGlite
 * (one process owns the database) and in tests.
 */
export function inProcessJobRunner(): JobRunner {
  const handlers = new Map<string, JobHandler<unknown>>();
  const jobs = new Map<string, JobStatus & { data: unknown; singletonKey: string | null }>();
  const timers: NodeJS.Timeout[] = [];
  const schedules: { name: string; everyMinutes: number }[] = [];
  let tail: Promise<void> = Promise.resolve();
  let started = false;

  const touch = (job: JobStatus, patch: Partial<JobStatus>) =>
    Object.assign(job, patch, { updatedAt: now().toISOString() });

  async function run(id: string): Promise<void> {
    const job = jobs.get(id);
    if (!job) return;
    const handler = handlers.get(job.name);
    if (!handler) {
      touch(job, { state: 'failed', errorCode: 'job_unknown' });
      return;
    }
    touch(job, { state: 'running' });
    try {
      const result = await handler(job.data, {
        id,
        progress: async (done, total) => {
          touch(job, { done, total: total === undefined ? job.total : total });
        },
      });
      touch(job, { state: 'done', result: result ?? null });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      touch(job, { state: 'failed', errorCode: typeof code === 'string' ? code : 'job_failed' });
    }
  }

  const runner: JobRunner = {
    register(name, handler) {
      handlers.set(name, handler as JobHandler<unknown>);
    },
    async send(name, data, options: SendOptions = {}) {
      const key = options.singletonKey ?? null;
      if (
        key &&
        [...jobs.values()].some(
          (j) => j.singletonKey === key && (j.state === 'queued' || j.state === 'running'),
        )
      )
        return null;
      const id = randomUUID();
      const at = now().toISOString();
      jobs.set(id, {
        id,
        name,
        state: 'queued',
        done: 0,
        total: null,
        result: null,
        errorCode: null,
        orgId: options.orgId ?? null,
        createdAt: at,
        updatedAt: at,
        data,
        singletonKey: key,
      });
      tail = tail.then(() => run(id));
      return id;
    },
    async get(id) {
      const job = jobs.get(id);
      if (!job) return null;
      const { data: _data, singletonKey: _key, ...status } = job;
      return { ...status };
    },
    every(name, everyMinutes) {
      schedules.push({ name, everyMinutes });
      if (started)
        timers.push(
          setInterval(
            () => void runner.send(name, {}, { singletonKey: name }),
            everyMinutes * 60_000,
          ).unref(),
        );
    },
    async start() {
      started = true;
      for (const s of schedules) {
        void runner.send(s.name, {}, { singletonKey: s.name });
        timers.push(
          setInterval(
            () => void runner.send(s.name, {}, { singletonKey: s.name }),
            s.everyMinutes * 60_000,
          ).unref(),
        );
      }
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      timers.length = 0;
      await tail;
    },
  };
  return runner;
}
