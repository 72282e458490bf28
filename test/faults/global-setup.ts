import pg from 'pg';
import { loadDemoIfEmpty } from '../../server/demo/seed.ts';
import { openPostgres } from '../../server/platform/db.ts';
import { ensureWebBuilt } from '../../server/platform/web-build.ts';
import { PG_TEMPLATE } from '../database.ts';

/** One statement on a connection of its own (none is kept open: the restart test stops the server). */
async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The demo loaded once into a template on the fault cluster (each test file copies it with
 * `createTestDatabase`), and the web client built once (the app processes would each build it).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the fault tests with `npm run test:faults`');
  await ensureWebBuilt();
  await admin(url, `DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
  await admin(url, `CREATE DATABASE ${PG_TEMPLATE}`);
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${PG_TEMPLATE}`;
  const database = await openPostgres(templateUrl.toString(), 2);
  await loadDemoIfEmpty(database);
  await database.close();
  return () => admin(url, `DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
}
