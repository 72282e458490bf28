import { writeFileSync } from 'node:fs';
import { buildApp } from '../../server/app.ts';
import { loadDemoIfEmpty } from '../../server/demo/seed.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { openPglite, openPostgres } from '../../server/platform/db.ts';
import { moveClockIntoSemester } from '../calendar.ts';
import { populate, snapshot } from './plan-content.ts';

/**
 * Run by the migration test in a checkout of the code at migration 0014 (node --import tsx):
 * builds the demo database (PUMPURS_MIGRATION_PGLITE folder or PUMPURS_MIGRATION_URL), adds the
 * data of `populate`, and writes what `snapshot` sees to the file named by the first argument.
 */
const out = process.argv[2];
const url = process.env.PUMPURS_MIGRATION_URL;
const database = url
  ? await openPostgres(url, 2)
  : await openPglite(process.env.PUMPURS_MIGRATION_PGLITE as string);
await loadDemoIfEmpty(database);
const cal = await moveClockIntoSemester(database);
const app = await buildApp({
  config: loadConfig({ logLevel: 'silent', loadDemo: false }),
  database,
  serveClient: false,
});
await app.ready();
const calendar = { currentId: cal.current.id, previousId: cal.previous.id, sessionDay: cal.weekday(7, 4) };
await populate(app, calendar);
const months = [calendar.sessionDay.slice(0, 7), cal.today.slice(0, 7)];
writeFileSync(out, JSON.stringify({ calendar, months, snapshot: await snapshot(app, months) }));
await app.close();
await database.close();
