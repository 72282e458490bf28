import { defineConfig } from 'vitest/config';

// The national data generator's test, PostgreSQL only (TEST_DATABASE_URL, default the local
// server): it creates and drops its own databases. Run on its own: it is not part of `vitest run`.
export default defineConfig({
  test: {
    name: 'national',
    include: ['server/generate/*.national.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
