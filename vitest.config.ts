import { defineConfig } from 'vitest/config';

// Unit tests run once; integration tests (*.int.test.ts) run on PGlite and, when
// TEST_DATABASE_URL is set, again on PostgreSQL, each test file on a fresh database.
const integration = ['server/**/*.int.test.ts', 'test/**/*.int.test.ts'];
const shared = { testTimeout: 30_000, hookTimeout: 120_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'common/**/*.test.ts',
            'web/**/*.test.ts',
            'test/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          // test/instances/ runs on PostgreSQL with its own config (vitest.instances.config.ts).
          exclude: [...integration, 'test/instances/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'pglite',
          include: integration,
          globalSetup: ['test/global-setup.ts'],
          ...shared,
          env: { PUMPURS_TEST_DB: 'pglite' },
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: 'postgres',
                include: integration,
                // Loads its own PGlite demos whatever the target (see the file): once, on PGlite, is enough.
                exclude: ['server/demo/history-months.int.test.ts'],
                globalSetup: ['test/global-setup-postgres.ts'],
                ...shared,
                env: { PUMPURS_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
