import { defineConfig } from 'vitest/config';

// Fault tests on PostgreSQL, run by `.ci/faults` (`npm run test:faults`), which starts a throw-away
// cluster and sets TEST_DATABASE_URL and FAULTS_PG_* to it: the app as a child process killed with
// SIGKILL during a 50,000-row import, and PostgreSQL restarted under load. One file at a time.
export default defineConfig({
  test: {
    name: 'faults',
    include: ['test/faults/**/*.faults.ts'],
    globalSetup: ['test/faults/global-setup.ts'],
    testTimeout: 480_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    env: { PUMPURS_TEST_DB: 'postgres' },
  },
});
