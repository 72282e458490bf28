import { ensureWebBuilt } from '../../server/platform/web-build.ts';
import { createPostgresTemplate } from '../database.ts';

/**
 * The demo loaded once into a template on the fault cluster (each test file copies it), and the
 * web client built once (the app processes the tests start would each build it otherwise).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the fault tests with `npm run test:faults`');
  await ensureWebBuilt();
  return createPostgresTemplate(url);
}
