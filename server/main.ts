import { buildApp } from './app.ts';
import { loadDemoIfEmpty } from './demo/seed.ts';
import { ensureSchoolYears } from './domains/calendar/index.ts';
import { remindOverdueEvaluations } from './domains/plans/index.ts';
import { reconcileSystemTasks } from './domains/tasks/index.ts';
import { pruneExpiredRecords } from './housekeeping.ts';
import { today } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import { safeErrorSummary } from './platform/error-handler.ts';
import { ensureWebBuilt } from './platform/web-build.ts';

/** Start-up only: configuration, database (migrated), demo data on an empty database, listen. */
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
  if (config.loadDemo) await loadDemoIfEmpty(database);
  const app = await buildApp({ config, database });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  // Hourly: create the next school year when the clock has moved into a new one, remind preparers
  // of plans not evaluated two weeks after the semester, and forget expired rate-limit counters and
  // sessions (all idempotent across instances).
  const remind = () =>
    database
      .withTx(
        async (tx) => {
          await ensureSchoolYears(tx);
          await remindOverdueEvaluations(tx);
          await pruneExpiredRecords(tx);
          await reconcileSystemTasks(tx, today());
        },
        { longStatements: true },
      )
      .catch((err) =>
        app.log.error({ err: safeErrorSummary(err) }, 'hourly calendar, reminders and clean-up failed'),
      );
  void remind();
  setInterval(remind, 3_600_000).unref();
  app.log.info(
    { database: database.kind, ms: Math.round(performance.now() - started) },
    `Pumpurs is ready on http://localhost:${config.port}`,
  );
}

main().catch((err) => {
  console.error('Pumpurs failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
