import { defineConfig } from 'vitest/config';

// PostgreSQL only, run by CI as its own command (TEST_DATABASE_URL must be set): two app processes
// on one database behind a round-robin proxy, and the database timeouts that PGlite does not have.
export default defineConfig({
  test: {
    name: 'instances',
    include: ['test/instances/**/*.test.ts'],
    globalSetup: ['test/global-setup-postgres.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    env: { PUMPURS_TEST_DB: 'postgres' },
  },
});
