import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../db/schema.ts';
import { ensureSchoolYears, findSemesters } from '../domains/calendar/index.ts';
import { LEGAL_DUTY_UNJUSTIFIED_LESSONS } from '../domains/ejournal/index.ts';
import { now, today } from '../platform/clock.ts';
import { addDays } from '../platform/dates.ts';
import { type Db, openPostgres } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
import type { TGenerateOptions } from './options.ts';
import { makePeople } from './people.ts';
import { insertAttendance, insertBehaviour, insertIndicators, insertMarks } from './repo-ejournal.ts';
import { copyPeople } from './repo-people.ts';
import { insertPlans } from './repo-plans.ts';
import {
  advanceBulkSequences,
  analyzeAll,
  beginLocked,
  commit,
  createHelpers,
  createIndexes,
  createSemesterTable,
  dropBulkIndexes,
  findExistingData,
  isSuperuser,
  rollback,
  tuneSession,
} from './repo-setup.ts';
import {
  insertAbsenceRisks,
  insertApplications,
  insertBudgets,
  insertDelivery,
  insertReferrals,
} from './repo-support.ts';

/** Thrown for a database the generator must not touch (not empty); the CLI prints the message. */
export class GenerateRefused extends Error {}

/** Rows made, by table (the main ones), and the wall time. */
export interface GenerateSummary {
  counts: Record<string, number>;
  seconds: number;
}

// The demo loader's lock: a demo load and a generation never fill one database together.
const FILL_LOCK = 727275;

type Semester = Awaited<ReturnType<typeof findSemesters>>[number];

/** The current semester (the latest begun) and the `count - 1` before it, oldest first. */
async function pickSemesters(db: Db, count: number, on: string): Promise<Semester[]> {
  for (let back = 0; back <= count; back++) {
    await ensureSchoolYears(db, addDays(on, -365 * back));
    const all = await findSemesters(db); // newest first
    const i = all.findIndex((s) => s.startsOn <= on);
    if (i >= 0 && all.length - i >= count) return all.slice(i, i + count).reverse();
  }
  throw new Error('The school-year calendar has too few semesters before today.');
}

/**
 * Fills an empty, migrated PostgreSQL database with a national data set in one transaction,
 * deterministic from `seed` (for the same day: dates follow the clock and the calendar).
 * Students and staff are made in Node and COPied; everything per lesson, mark and plan is made
 * set-based in SQL from pure hash functions of the seed.
 */
export async function generateNational(
  opts: TGenerateOptions,
  log: (line: string) => void = () => undefined,
): Promise<GenerateSummary> {
  const t0 = performance.now();
  // Applies pending migrations (the same advisory lock as the app's start-up).
  await (await openPostgres(opts.databaseUrl, 1)).close();
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const counts: Record<string, number> = {};
  const step = async (label: string, fn: () => Promise<number | undefined>) => {
    const t = performance.now();
    const n = await fn();
    if (n !== undefined) counts[label] = n;
    log(
      `${label}: ${n ?? ''}${n === undefined ? '' : ' rows, '}${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  };
  try {
    await beginLocked(client, FILL_LOCK);
    const existing = await findExistingData(client);
    if (existing.length > 0)
      throw new GenerateRefused(
        `The database is not empty (it has ${existing.join(', ')}): generate fills an empty, migrated database only.`,
      );
    await tuneSession(client, await isSuperuser(client));
    const db = drizzle(client, { schema }) as unknown as Db;
    const on = today();
    const semesters = await pickSemesters(db, opts.semesters, on);
    const current = semesters[semesters.length - 1];
    const dataTo = (s: Semester) => {
      const last = [addDays(on, -1), s.endsOn].sort()[0];
      return [last, s.startsOn].sort()[1];
    };
    await createHelpers(client, opts.seed);
    await createSemesterTable(
      client,
      semesters.map((s, i) => ({ ...s, k: i + 1, dataTo: dataTo(s) })),
    );
    const people = makePeople(opts.seed, opts.schools, opts.students, current.schoolYear);
    const passwordHash = await hashPassword(opts.password);
    await step('people', async () => {
      await copyPeople(client, people, passwordHash);
      counts.organisations = people.orgs.length;
      counts.schools = people.schools.length;
      counts.users = people.users.length;
      counts.students = people.students.length;
      return undefined;
    });
    const indexes = await dropBulkIndexes(client);
    await step('attendance', () => insertAttendance(client));
    await step('marks', () => insertMarks(client));
    await step('behaviour_notes', () => insertBehaviour(client));
    await step('indexes', async () => {
      await createIndexes(client, indexes);
      await advanceBulkSequences(client);
      return undefined;
    });
    await step('student_indicators', async () => {
      return insertIndicators(client, LEGAL_DUTY_UNJUSTIFIED_LESSONS, now());
    });
    await step('applications', () => insertApplications(client));
    await step('support_budgets', () => insertBudgets(client));
    await step('plans', () => insertPlans(client));
    await step('absence_risks', () => insertAbsenceRisks(client));
    await step('sessions', async () => {
      const r = await insertDelivery(client);
      counts.economic_payments = r.payments;
      return r.sessions;
    });
    await step('referrals', () => insertReferrals(client));
    await commit(client);
    await step('analyze', async () => {
      await analyzeAll(client);
      return undefined;
    });
  } catch (err) {
    await rollback(client);
    throw err;
  } finally {
    await client.end();
  }
  return { counts, seconds: (performance.now() - t0) / 1000 };
}
