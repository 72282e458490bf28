import { defineConfig } from 'vitest/config';

// Browser tests: one app and one Chromium per file, files one after another. `expect.poll` waits up to
// 15 s (Vitest's default is 1 s): on a busy 2-core machine a page can take longer than a second to
// load its data, and the polls failed on "Ielādē…" (loading) with Debian's Chromium and the npm one
// alike. What the polls assert is unchanged.
export default defineConfig({
  test: {
    name: 'e2e',
    expect: { poll: { timeout: 15_000, interval: 100 } },
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
