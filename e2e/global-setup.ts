import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { openPglite } from '../server/platform/db.ts';
import { ensureWebBuilt } from '../server/platform/web-build.ts';
import { resolveChromium } from './chromium.ts';

/** Where the browser tests' migrated, demo-loaded PGlite folder waits to be copied by each file. */
export const E2E_TEMPLATE_DIR = path.resolve('.tmp', 'pglite-e2e-template');

/** Unpacks (the first time) and starts the browser once, and says which one the tests use. */
async function announceChromium(): Promise<void> {
  const binary = await resolveChromium();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: binary.executablePath,
      env: { ...process.env, ...binary.env },
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const version = context.browser()?.version() ?? 'unknown version';
    await context.close();
    console.log(`Browser tests use Chromium ${version} from ${binary.source} (${binary.executablePath})`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Builds the web client and one demo database for all browser-test files: loading the demo takes
 * far longer than copying a folder, and every file starts from the same demo anyway.
 */
export default async function setup(): Promise<() => void> {
  await announceChromium();
  await ensureWebBuilt();
  rmSync(E2E_TEMPLATE_DIR, { recursive: true, force: true });
  if (!process.env.E2E_DATABASE_URL) {
    const database = await openPglite(E2E_TEMPLATE_DIR);
    await loadDemoIfEmpty(database);
    await database.close();
  }
  return () => rmSync(E2E_TEMPLATE_DIR, { recursive: true, force: true });
}
