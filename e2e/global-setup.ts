import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { openPglite } from '../server/platform/db.ts';
import { ensureWebBuilt } from '../server/platform/web-build.ts';

/** Where the browser tests' migrated, demo-loaded PGlite folder waits to be copied by each file. */
export const E2E_TEMPLATE_DIR = path.resolve('.tmp', 'pglite-e2e-template');

/**
 * Builds the web client and one demo database for all browser-test files: loading the demo takes
 * far longer than copying a folder, and every file starts from the same demo anyway.
 */
export default async function setup(): Promise<() => void> {
  await ensureWebBuilt();
  rmSync(E2E_TEMPLATE_DIR, { recursive: true, force: true });
  if (!process.env.E2E_DATABASE_URL) {
    const database = await openPglite(E2E_TEMPLATE_DIR);
    await loadDemoIfEmpty(database);
    await database.close();
  }
  return () => rmSync(E2E_TEMPLATE_DIR, { recursive: true, force: true });
}
