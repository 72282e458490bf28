import { rmSync } from 'node:fs';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { openPglite } from '../server/platform/db.ts';
import { TEMPLATE_DIR } from './database.ts';

/** Builds one migrated, demo-loaded PGlite folder; each test file copies it (cold start is slow). */
export default async function setup(): Promise<() => void> {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  const database = await openPglite(TEMPLATE_DIR);
  await loadDemoIfEmpty(database);
  await database.close();
  return () => rmSync(TEMPLATE_DIR, { recursive: true, force: true });
}
