import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  commitStudentListFile,
  previewStudentListFile,
  uploadStudentListFile,
} from './domains/imports/index.ts';
import { findOrganisationByCode, findOrganisationById, findRoot } from './domains/organisations/index.ts';
import type { Actor, RequestContext } from './platform/actor.ts';
import type { Database } from './platform/db.ts';
import { AppError } from './platform/errors.ts';
import { message } from './platform/messages.ts';

/** The operator at the server's console acts as the system: national scope, audited with no user. */
async function systemContext(database: Database): Promise<RequestContext> {
  const root = await database.read((tx) => findRoot(tx));
  if (!root) throw new Error('The database has no organisations yet.');
  const actor: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    email: 'system',
    firstName: 'System',
    lastName: '',
    language: 'en',
    grants: [
      {
        id: 'cli',
        role: 'national_admin',
        orgId: root.id,
        orgPath: root.path,
        orgType: 'nation',
        orgName: root.name,
      },
    ],
  };
  return { actor, requestId: `cli-${randomUUID()}`, ip: null, language: 'en' };
}

/** `import students --school ID|CODE FILE`: upload, check and commit in one go; exit 1 with the errors if any row is bad. */
export async function importStudentsCommand(database: Database, args: string[]): Promise<number> {
  const schoolIdx = args.indexOf('--school');
  const schoolArg = schoolIdx >= 0 ? args[schoolIdx + 1] : undefined;
  const file = args.filter((_, i) => i !== schoolIdx && i !== schoolIdx + 1)[0];
  if (!schoolArg || !file) {
    console.error('Usage: npm run cli -- import students --school ID|CODE FILE');
    return 2;
  }
  const ctx = await systemContext(database);
  const school = await database.read(async (tx) =>
    /^[0-9a-f-]{36}$/i.test(schoolArg)
      ? findOrganisationById(tx, schoolArg)
      : findOrganisationByCode(tx, schoolArg),
  );
  if (!school) {
    console.error(`No school ${schoolArg}.`);
    return 2;
  }
  const started = performance.now();
  try {
    const upload = await uploadStudentListFile(ctx, database, school.id, path.basename(file), {
      path: file,
      bytes: statSync(file).size,
    });
    console.log(
      `Read ${upload.rowCount} rows (${upload.format}${upload.encoding ? `, ${upload.encoding}` : ''}).`,
    );
    const preview = await previewStudentListFile(ctx, database, upload.importId, upload.mapping, []);
    if (preview.counts.error > 0) {
      console.error(`${preview.counts.error} rows have errors; nothing was imported.`);
      for (const r of preview.rows.filter((x) => x.status === 'error').slice(0, 20))
        console.error(`  row ${r.rowNumber}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
      return 1;
    }
    const result = await commitStudentListFile(
      ctx,
      database,
      upload.importId,
      upload.mapping,
      [],
      (done, total) => console.log(`progress ${done}/${total}`),
    );
    console.log(
      `Imported: ${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged in ${Math.round(performance.now() - started)} ms.`,
    );
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(message(e.code, 'en'));
      for (const d of e.details ?? []) console.error(`  ${d.path}: ${d.message}`);
      return 1;
    }
    throw e;
  }
}
