import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testTarget } from '../../test/database.ts';
import { registerScheduledJobs, SCHEDULED_JOBS } from '../scheduled-jobs.ts';
import { queryRows } from './db.ts';
import type { JobRunner, JobStatus } from './jobs.ts';
import { inProcessJobRunner } from './jobs-in-process.ts';
import { cronEvery, pgBossJobRunner } from './jobs-pg-boss.ts';

/**
 * The runner of each database: pg-boss on PostgreSQL, the in-process runner on PGlite. Both keep
 * their jobs in `job_runs`; these tests hold them to the same behaviour.
 */
let db: TestDatabase;
const runners: JobRunner[] = [];

function newRunner(): JobRunner {
  const runner =
    testTarget() === 'postgres'
      ? pgBossJobRunner(db.database, {
          connectionString: db.env.DATABASE_URL as string,
          pollingIntervalSeconds: 0.5,
          poolSize: 2,
        })
      : inProcessJobRunner(db.database);
  runners.push(runner);
  return runner;
}

/** A promise and the function that settles it (a handler waits on it). */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Polls the job until `until` holds (a job runs in the background; no time is asserted). */
async function waitFor(runner: JobRunner, id: string, until: (s: JobStatus) => boolean): Promise<JobStatus> {
  for (let i = 0; i < 600; i++) {
    const status = await runner.get(id);
    if (status && until(status)) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not reach the expected state`);
}
const finished = (s: JobStatus) => s.state === 'done' || s.state === 'failed';

beforeAll(async () => {
  db = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  for (const r of runners) await r.stop().catch(() => undefined);
  await db.drop();
});

describe(`background jobs on ${testTarget()}`, () => {
  it('runs a job and keeps its progress, result and organisation for any reader', async () => {
    const runner = newRunner();
    runner.register<{ rows: number }>('test.count', async (data, job) => {
      await job.progress(1, data.rows);
      await job.progress(data.rows);
      return { counted: data.rows };
    });
    await runner.start();
    const [org] = await db.database.read((d) =>
      queryRows<{ id: string }>(d, sql`select id from organisations where type = 'school' limit 1`),
    );
    const id = await runner.send('test.count', { rows: 3 }, { orgId: org.id, studentData: true });
    expect(id).not.toBeNull();
    const status = await waitFor(runner, id as string, finished);
    expect(status).toMatchObject({
      name: 'test.count',
      state: 'done',
      done: 3,
      total: 3,
      result: { counted: 3 },
      errorCode: null,
      orgId: org.id,
      studentData: true,
    });
    // Another runner on the same database (another instance) answers for the job too.
    expect((await newRunner().get(id as string))?.state).toBe('done');
  });

  it('keeps a failing job’s message code, never its error text', async () => {
    const runner = newRunner();
    runner.register('test.fail', async () => {
      throw Object.assign(new Error('secret detail'), { code: 'import_has_errors' });
    });
    runner.register('test.crash', async () => {
      throw new Error('Jānis Bērziņš 010101-10000');
    });
    await runner.start();
    const failed = await waitFor(runner, (await runner.send('test.fail', {})) as string, finished);
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'import_has_errors', result: null });
    const crashed = await waitFor(runner, (await runner.send('test.crash', {})) as string, finished);
    expect(crashed).toMatchObject({ state: 'failed', errorCode: 'job_failed' });
    expect(JSON.stringify(crashed)).not.toContain('Bērziņš');
  });

  it('runs a job sent twice with one singleton key once, also when two runners send it', async () => {
    const a = newRunner();
    const b = newRunner();
    const g = gate();
    let runs = 0;
    for (const r of [a, b])
      r.register('test.single', async () => {
        runs += 1;
        await g.wait;
        return { runs };
      });
    await a.start();
    await b.start();
    const sent = await Promise.all([
      a.send('test.single', {}, { singletonKey: 'one' }),
      b.send('test.single', {}, { singletonKey: 'one' }),
      a.send('test.single', {}, { singletonKey: 'one' }),
    ]);
    const ids = sent.filter((x): x is string => x !== null);
    expect(ids).toHaveLength(1);
    await waitFor(a, ids[0], (s) => s.state === 'running');
    expect((await b.depth()).running).toBeGreaterThanOrEqual(1);
    // Still running: the key is still taken.
    expect(await b.send('test.single', {}, { singletonKey: 'one' })).toBeNull();
    g.open();
    await waitFor(b, ids[0], finished);
    expect(runs).toBe(1);
    // Once it has finished the key is free again.
    const again = await a.send('test.single', {}, { singletonKey: 'one' });
    expect(again).not.toBeNull();
    expect((await waitFor(a, again as string, finished)).state).toBe('done');
    expect(runs).toBe(2);
  });

  it('runs a job queued before the runner stopped after a new runner starts', async () => {
    let laterRuns = 0;
    // The later job's queue exists (a runner that works it has started once), but the first runner
    // does not work it: pg-boss polls each queue on its own, so a runner working it could take the
    // job between its send and the stop (it did, once, under CI's load) and prove nothing.
    const creator = newRunner();
    creator.register('test.later', async () => {
      laterRuns += 1;
      return null;
    });
    await creator.start();
    await creator.stop();
    const first = newRunner();
    const g = gate();
    first.register('test.block', async () => {
      await g.wait;
      return null;
    });
    await first.start();
    const blocking = (await first.send('test.block', {})) as string;
    await waitFor(first, blocking, (s) => s.state === 'running');
    const queued = (await first.send('test.later', {})) as string;
    // Stopping waits for the running job; the queued one stays queued for the next start.
    const stopped = first.stop();
    g.open();
    await stopped;
    expect((await first.get(blocking))?.state).toBe('done');
    expect((await first.get(queued))?.state).toBe('queued');
    expect(laterRuns).toBe(0);
    expect((await first.depth()).queued).toBeGreaterThanOrEqual(1);

    const second = newRunner();
    second.register('test.block', async () => null);
    second.register('test.later', async () => {
      laterRuns += 1;
      return { after: 'restart' };
    });
    await second.start();
    const status = await waitFor(second, queued, finished);
    expect(status).toMatchObject({ state: 'done', result: { after: 'restart' } });
    expect(laterRuns).toBe(1);
  });

  it('runs the scheduled system jobs (school years, reminders, clean-up, tasks) once the runner starts', async () => {
    const runner = newRunner();
    registerScheduledJobs(runner, db.database);
    const names = Object.keys(SCHEDULED_JOBS);
    const read = () =>
      db.database.read((d) =>
        queryRows<{ name: string; state: string; error_code: string | null }>(
          d,
          sql`select name, state, error_code from job_runs where org_id is null and name = any (${`{${names.join(',')}}`}::text[])`,
        ),
      );
    expect(await read()).toHaveLength(0);
    await runner.start();
    let rows = await read();
    for (
      let i = 0;
      i < 600 && !(rows.length === names.length && rows.every((r) => r.state === 'done'));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
      rows = await read();
    }
    expect(rows.map((r) => [r.name, r.state, r.error_code]).sort()).toEqual(
      names.sort().map((n) => [n, 'done', null]),
    );
  });
});

describe('cron of a schedule', () => {
  it('turns minutes into cron expressions', () => {
    expect(cronEvery(15)).toBe('*/15 * * * *');
    expect(cronEvery(60)).toBe('0 */1 * * *');
    expect(cronEvery(180)).toBe('0 */3 * * *');
    expect(cronEvery(1440)).toBe('0 3 * * *');
    expect(cronEvery(7 * 1440)).toBe('0 3 * * 0');
  });
});
