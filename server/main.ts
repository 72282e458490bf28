import { buildApp } from './app.ts';
import { loadDemoIfEmpty } from './demo/seed.ts';
import { ensureSchoolYears } from './domains/calendar/index.ts';
import { loadConfig } from './platform/config.ts';
import { isConnectionLost, openDatabase } from './platform/db.ts';
import { safeErrorSummary } from './platform/error-handler.ts';
import { inProcessJobRunner } from './platform/jobs-in-process.ts';
import { ensureWebBuilt } from './platform/web-build.ts';

/** Start-up only: configuration, database (migrated), demo data on an empty database, listen, jobs. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  await ensureWebBuilt();
  // The server's connections get the statement timeout and the bounded wait for a connection.
  const database = await openDatabase({
    ...config,
    poolSize: config.ops.dbPoolSize,
    postgres: {
      statementTimeoutMs: config.ops.dbStatementTimeoutMs,
      longStatementTimeoutMs: config.ops.dbLongStatementTimeoutMs,
      poolWaitMs: config.ops.dbPoolWaitMs,
    },
  });
  // The calendar always holds the current and the next school year (created ahead with default dates).
  await database.withTx((tx) => ensureSchoolYears(tx));
  if (config.loadDemo) await loadDemoIfEmpty(database, config.secretKey);
  // Jobs: pg-boss on PostgreSQL (one instance runs each job and each schedule), else in-process.
  let log: ((err: unknown) => void) | null = null;
  // pg-boss is loaded only for PostgreSQL (a PGlite start does not pay for it).
  const jobs = config.databaseUrl
    ? (await import('./platform/jobs-pg-boss.ts')).pgBossJobRunner(database, {
        connectionString: config.databaseUrl,
        onError: (err) => log?.(err),
      })
    : inProcessJobRunner(database);
  const app = await buildApp({ config, database, jobs });
  log = (err) => app.log.error({ err: safeErrorSummary(err) }, 'background jobs: pg-boss reported an error');
  const shutdown = async () => {
    await app.close();
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  // The hourly work (school years, evaluation reminders, clean-up, system tasks) runs as scheduled
  // jobs (server/scheduled-jobs.ts); starting the runner also takes up jobs queued before a restart.
  // A database that is away at this moment (a restart) must not end the process: the runner is
  // started again until it runs; requests are served meanwhile.
  const startJobs = async (): Promise<void> => {
    try {
      await jobs.start();
    } catch (err) {
      app.log.error({ err: safeErrorSummary(err) }, 'background jobs did not start; trying again in 10 s');
      setTimeout(() => void startJobs(), 10_000);
    }
  };
  await startJobs();
  app.log.info(
    { database: database.kind, ms: Math.round(performance.now() - started) },
    `Pumpurs is ready on http://localhost:${config.port}`,
  );
}

// pg-boss 10 completes and fails jobs without awaiting it (manager.js `onFetch`): while PostgreSQL
// restarts that promise rejects with a lost connection and nobody handles it, which would end the
// process. Those are logged and survived; any other unhandled rejection still ends the process.
process.on('unhandledRejection', (reason) => {
  if (isConnectionLost(reason)) {
    console.error(
      JSON.stringify({ level: 40, msg: 'database unavailable (unhandled)', err: safeErrorSummary(reason) }),
    );
    return;
  }
  console.error('Pumpurs: unhandled rejection', safeErrorSummary(reason));
  process.exit(1);
});

main().catch((err) => {
  console.error('Pumpurs failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
