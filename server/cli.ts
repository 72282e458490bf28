import { ZCreateUserBody } from '../common/api/users.ts';
import { importStudentsCommand } from './cli-import.ts';
import { loadDemoIfEmpty } from './demo/seed.ts';
import { findRoot, insertOrganisation } from './domains/organisations/index.ts';
import { buildRopa, renderRopaMarkdown, retentionSettings, runRetention } from './domains/privacy/index.ts';
import { emailExists, insertGrant, insertUser } from './domains/users/index.ts';
import { evaluateFlagsCommand } from './evaluation/cli-evaluate.ts';
import { GenerateRefused, generateNational } from './generate/generate.ts';
import { parseGenerateArgs } from './generate/options.ts';
import { BACKUP_USAGE, backupCommand } from './platform/backup/command.ts';
import { demoTotpSecret, totpCode } from './domains/auth/index.ts';
import { nowMs } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import { message } from './platform/messages.ts';
import { isPasswordGuessable } from './platform/password-strength.ts';
import { hashPassword } from './platform/passwords.ts';

const USAGE = `Usage:
  npm run seed                                   load the demo into an empty database
  npm run cli -- create-admin EMAIL FIRST LAST   create a national admin; password from PUMPURS_ADMIN_PASSWORD
  npm run cli -- migrate                         apply pending migrations and exit
  npm run cli -- demo-code ACCOUNT               the current second-factor code of a demo account
                                                 (e.g. admin or koord.s1; the demo's secrets are public)
  npm run cli -- import students --school ID|CODE FILE
                                                 import a class list (CSV or XLSX) all-or-nothing,
                                                 with the school's remembered column mapping or one
                                                 guessed from the headers
  npm run cli -- generate --students N --schools M [--semesters S] [--seed N] [--database-url URL]
                                                 fill an empty PostgreSQL database with a national
                                                 data set (password: PUMPURS_GENERATED_PASSWORD)
  npm run cli -- evaluate-flags --uci-student FILE [--folds FOLDS.json] [--json] [--absences-as unknown|unjustified]
                                                 judge the default flags and the risk score on the
                                                 UCI Student Performance data set (no database)
  npm run cli -- ropa [--format md|json] [--lang en|lv]
                                                 print the record of processing activities (GDPR
                                                 Art. 30) generated from the data inventory
  npm run cli -- retention                       run the retention job once: anonymise students
                                                 whose retention has run out, delete expired rows
${BACKUP_USAGE}`;

/** \`ropa …\`: the record of processing activities, from the inventory and the settings (no database). */
function ropaCommand(args: string[]): number {
  const opt = (name: string, allowed: string[], fallback: string): string | null => {
    const i = args.indexOf(name);
    const v = i < 0 ? fallback : args[i + 1];
    return v !== undefined && allowed.includes(v) ? v : null;
  };
  const format = opt('--format', ['md', 'json'], 'md');
  const lang = opt('--lang', ['en', 'lv'], 'en') as 'en' | 'lv' | null;
  if (!format || !lang) {
    console.error(USAGE);
    return 2;
  }
  const ropa = buildRopa(lang, retentionSettings());
  process.stdout.write(format === 'md' ? renderRopaMarkdown(ropa) : `${JSON.stringify(ropa, null, 2)}\n`);
  return 0;
}

/** \`generate …\`: PostgreSQL only, before any database is opened (PGlite is refused, not created). */
async function generateCommand(args: string[]): Promise<number> {
  let options: ReturnType<typeof parseGenerateArgs>;
  try {
    options = parseGenerateArgs(args, process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error(USAGE);
    return 2;
  }
  try {
    const summary = await generateNational(options, (line) => console.log(line));
    console.log(
      `Generated ${options.students} students in ${options.schools} schools, ${options.semesters} semester(s), seed ${options.seed}, in ${summary.seconds.toFixed(1)} s.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof GenerateRefused) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

/**
 * \`demo-code ACCOUNT\`: the current TOTP code of a demo account (its secret is published: demo
 * only), by the clock (PUMPURS_NOW moves it too). No database is opened.
 */
async function demoCodeCommand(args: string[]): Promise<number> {
  const [account] = args;
  if (!account || !/^[a-z0-9.+_-]+(@[a-z0-9.-]+)?$/i.test(account)) {
    console.error(USAGE);
    return 2;
  }
  const email = account.includes('@') ? account : `${account}@demo.pumpurs.lv`;
  const at = nowMs();
  const code = await totpCode(demoTotpSecret(email), at);
  const left = 30 - (Math.floor(at / 1000) % 30);
  console.log(`${code}  (${email}; valid for ${left} s more)`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig();
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'generate') return generateCommand(args);
  if (command === 'evaluate-flags') return evaluateFlagsCommand(args);
  if (command === 'ropa') return ropaCommand(args);
  // Before openDatabase: a backup reads the database as it is, a restore fills an empty one.
  if (command === 'backup' || command === 'restore') return backupCommand(command, args, config);
  if (command === 'demo-code') return demoCodeCommand(args);
  const database = await openDatabase(config);
  try {
    if (command === 'retention') {
      console.log(JSON.stringify(await runRetention(database)));
      return 0;
    }
    if (command === 'migrate') {
      console.log(`Migrations applied (${database.kind}).`);
      return 0;
    }
    if (command === 'seed') {
      if (config.production) {
        console.error('Demo data is never loaded when NODE_ENV=production.');
        return 1;
      }
      const loaded = await loadDemoIfEmpty(database, config.secretKey);
      console.log(loaded ? 'Demo data loaded.' : 'The database already has data; nothing loaded.');
      return 0;
    }
    if (command === 'create-admin') {
      const [email, firstName, lastName] = args;
      const parsed = ZCreateUserBody.safeParse({
        email,
        firstName,
        lastName,
        homeOrganisationId: '00000000-0000-4000-8000-000000000000',
        password: process.env.PUMPURS_ADMIN_PASSWORD ?? '',
      });
      if (!parsed.success) {
        console.error(
          `Invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
        console.error(USAGE);
        return 2;
      }
      const { data } = parsed;
      if (await isPasswordGuessable(data.password, [data.email, data.firstName, data.lastName])) {
        console.error(`PUMPURS_ADMIN_PASSWORD: ${message('password_too_common', 'en')}`);
        return 2;
      }
      await database.withTx(async (tx) => {
        const root =
          (await findRoot(tx)) ??
          (await insertOrganisation(tx, {
            parentId: null,
            parentPath: '/',
            type: 'nation',
            schoolType: null,
            name: 'Latvija',
            code: 'LV',
          }));
        if (await emailExists(tx, parsed.data.email)) throw new Error('a user with this email exists');
        const userId = await insertUser(tx, {
          email: parsed.data.email.toLowerCase(),
          passwordHash: await hashPassword(parsed.data.password),
          firstName: parsed.data.firstName,
          lastName: parsed.data.lastName,
          language: 'lv',
          homeOrgId: root.id,
        });
        await insertGrant(tx, { userId, role: 'national_admin', orgId: root.id, createdBy: null });
      });
      console.log('National admin created.');
      return 0;
    }
    if (command === 'import' && args[0] === 'students')
      return await importStudentsCommand(database, args.slice(1));
    console.error(`Unknown command: ${command}\n${USAGE}`);
    return 2;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
