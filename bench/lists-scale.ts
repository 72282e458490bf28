import { sql } from 'drizzle-orm';
import pg from 'pg';
import { ZWatchListQuery } from '../common/api/ejournal.ts';
import { ZPlanListQuery } from '../common/api/plans.ts';
import { ZStudentListQuery } from '../common/api/students.ts';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { findCurrentSemester } from '../server/domains/calendar/index.ts';
import { getWatchList, getWatchListSummary, refreshFlagDays } from '../server/domains/ejournal/index.ts';
import { findRoot, insertOrganisation } from '../server/domains/organisations/index.ts';
import { listPlans } from '../server/domains/plans/service.ts';
import { listStudents } from '../server/domains/students/index.ts';
import type { RequestContext } from '../server/platform/actor.ts';
import { type Database, type Db, openPostgres, queryRows } from '../server/platform/db.ts';
import { percentile } from './lib.ts';

/**
 * Lists as one municipality grows (issue 13, item 3): the municipality gains schools of 1,000
 * students (with a semester of indicators, about one in eight flagged, one in eleven with a plan) until it reaches each step,
 * and every list is timed at the scope of one school and of the whole municipality (service time,
 * p50 of RUNS runs after a warm-up, in a transaction like a request's). Run alone:
 * `node --import tsx bench/lists-scale.ts [--steps 1000,10000,40000,80000] [--runs 30] [--keep]`
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; it creates and drops its own database).
 */
const SCHOOL_SIZE = 1000;
const LAST = [
  'Bērziņš',
  'Kalniņš',
  'Ozoliņš',
  'Jansons',
  'Ozols',
  'Liepiņš',
  'Krūmiņš',
  'Balodis',
  'Eglītis',
  'Zariņš',
  'Pētersons',
  'Vītols',
  'Kļaviņš',
  'Šmits',
  'Āboliņš',
  'Bērziņa',
  'Lapiņš',
  'Siliņš',
  'Grīnbergs',
  'Žagars',
];
const FIRST = [
  'Anna',
  'Jānis',
  'Marta',
  'Roberts',
  'Elza',
  'Ēriks',
  'Katrīna',
  'Mārtiņš',
  'Sofija',
  'Kārlis',
  'Laura',
  'Artūrs',
  'Alise',
  'Ņikita',
  'Emīlija',
  'Dāvis',
  'Līga',
  'Ģirts',
  'Beāte',
  'Oskars',
];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const textArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);

/** One school of SCHOOL_SIZE students, with indicators in the semester (set-based). */
async function addSchool(db: Db, muni: { id: string; path: string }, n: number, semesterId: string) {
  const school = await insertOrganisation(db, {
    parentId: muni.id,
    parentPath: muni.path,
    type: 'school',
    schoolType: 'basic',
    name: `Bench skola ${n}`,
    code: `BENCH-S${n}`,
  });
  const base = 10_000_000 + n * SCHOOL_SIZE;
  await db.execute(sql`insert into students (personal_code, first_name, last_name, school_id, grade, class_label)
    select '39' || lpad((${base} + g)::text, 9, '0'),
      (${textArray(FIRST)})[1 + abs(hashint4(g * 7 + ${n})) % 20] || g::text,
      (${textArray(LAST)})[1 + abs(hashint4(g * 13 + ${n})) % 20],
      ${school.id}, 1 + g % 12, (1 + g % 12)::text || '.' || chr(97 + g % 3)
    from generate_series(1, ${SCHOOL_SIZE}) g`);
  // About one student in eight is over a threshold (unjustified lessons, low marks or behaviour).
  await db.execute(sql`insert into student_indicators (student_id, semester_id, school_id, unjustified_lessons,
      justified_lessons, other_lessons, present_lessons, low_marks, mark_average, previous_average, behaviour_notes,
      legal_duty_crossed_on, last_record_on)
    select s.id, ${semesterId}, s.school_id, case when h % 16 = 0 then 25 else h % 10 end, h % 20, 0, 400,
      case when h % 16 = 1 then 3 else 0 end, 6.5, 6.8, case when h % 16 = 2 then 4 else 0 end,
      case when h % 16 = 0 then current_date - 10 else null end, current_date - (h % 30)
    from (select id, school_id, abs(hashtext(id::text)) as h from students where school_id = ${school.id}) s`);
  // About one student in eleven has a plan of the semester (drafts: the list counts every status alike).
  await db.execute(sql`insert into plans (code, student_id, school_id, semester_id, status)
    select 'BENCH-' || ${n} || '-' || row_number() over (order by s.id), s.id, s.school_id, ${semesterId}, 'draft'
    from students s where s.school_id = ${school.id} and abs(hashtext(s.id::text || 'plan')) % 11 = 0`);
  return school;
}

function context(
  role: string,
  org: { id: string; path: string; name: string; type: string },
): RequestContext {
  return {
    actor: {
      userId: '00000000-0000-0000-0000-000000000000',
      email: 'bench',
      firstName: 'B',
      lastName: 'B',
      language: 'lv',
      grants: [{ id: 'g', role, orgId: org.id, orgPath: org.path, orgType: org.type, orgName: org.name }],
    },
    requestId: 'bench',
    ip: null,
    language: 'lv',
  } as RequestContext;
}

async function timed(database: Database, runs: number, fn: (tx: Db) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await database.withTx(fn);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await database.withTx(fn);
    times.push(performance.now() - t);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

/** A query as the route parses it (the cursor string decoded). */
const students = (q: Record<string, string | undefined>) => ZStudentListQuery.parse({ pageSize: '20', ...q });

async function main() {
  const steps = arg('steps', '1000,10000,40000,80000').split(',').map(Number);
  const runs = Number(arg('runs', '30'));
  const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `pumpurs_lists_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let database: Database | null = null;
  const table = new Map<string, number[]>();
  try {
    database = await openPostgres(url.toString(), 4);
    await loadDemoIfEmpty(database);
    const db = database;
    const root = await db.read((tx) => findRoot(tx));
    const semester = await db.read((tx) => findCurrentSemester(tx));
    if (!root || !semester) throw new Error('no nation or no current semester');
    const muni = await db.withTx((tx) =>
      insertOrganisation(tx, {
        parentId: root.id,
        parentPath: root.path,
        type: 'municipality',
        schoolType: null,
        name: 'Bench novads',
        code: 'BENCH-M',
      }),
    );
    const schools: { id: string; path: string; name: string; type: string }[] = [];
    for (const step of steps) {
      while (schools.length * SCHOOL_SIZE < step) {
        const n = schools.length + 1;
        schools.push(await db.withTx((tx) => addSchool(tx, muni, n, semester.id)));
      }
      // Indicator rows written without a flag count (as after the generator): the scheduled job
      // `indicators.flag-days` computes them, as it does at every start and hourly, before the timings.
      await db.withTx((tx) => tx.execute(sql`delete from indicator_flag_days`));
      await db.withTx((tx) => refreshFlagDays(tx), { longStatements: true });
      await db.withTx((tx) => tx.execute(sql`analyze`));
      const school = context('school_coordinator', schools[0]);
      const municipal = context('municipal_coordinator', { ...muni, type: 'municipality' });
      let deepCursor: string | undefined;
      await db.withTx(async (tx) => {
        let cursor: string | undefined;
        for (let i = 0; i < 10; i++)
          cursor = (await listStudents(municipal, students({ cursor }), tx)).nextCursor ?? undefined;
        deepCursor = cursor;
      });
      const plansQuery = () => ZPlanListQuery.parse({ pageSize: '20' });
      const watch = () => ZWatchListQuery.parse({ pageSize: '50', semesterId: semester.id });
      const cases: [string, (tx: Db) => Promise<unknown>][] = [
        ['students, page 1, school', (tx) => listStudents(school, students({}), tx)],
        ['students, page 1, municipality', (tx) => listStudents(municipal, students({}), tx)],
        [
          'students, page 11 (cursor), municipality',
          (tx) => listStudents(municipal, students({ cursor: deepCursor }), tx),
        ],
        [
          'students by class, page 1, municipality',
          (tx) => listStudents(municipal, students({ sort: 'class' }), tx),
        ],
        [
          'students by grade (descending), page 1, municipality',
          (tx) => listStudents(municipal, students({ sort: 'grade', dir: 'desc' }), tx),
        ],
        ['search "bērziņš anna", school', (tx) => listStudents(school, students({ q: 'bērziņš anna' }), tx)],
        [
          'search "bērziņš anna", municipality',
          (tx) => listStudents(municipal, students({ q: 'bērziņš anna' }), tx),
        ],
        ['watch list, page 1, school', (tx) => getWatchList(school, watch(), tx)],
        ['watch list, page 1, municipality', (tx) => getWatchList(municipal, watch(), tx)],
        ['plans list, page 1, school', (tx) => listPlans(school, plansQuery(), tx)],
        ['plans list, page 1, municipality', (tx) => listPlans(municipal, plansQuery(), tx)],
        ['start-page counts, school', (tx) => getWatchListSummary(school, { semesterId: semester.id }, tx)],
        [
          'start-page counts, municipality (cached ≤ 60 s)',
          (tx) => getWatchListSummary(municipal, { semesterId: semester.id }, tx),
        ],
      ];
      const [{ n }] = await db.read((tx) =>
        queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from students where school_id in (select id from organisations where path like ${`${muni.path}%`})`,
        ),
      );
      console.error(`municipality of ${n} students: timing ${cases.length} lists × ${runs} runs`);
      for (const [label, fn] of cases) {
        const p50 = await timed(db, runs, fn);
        table.set(label, [...(table.get(label) ?? []), p50]);
      }
    }
    const head = steps.map((s) => `${s.toLocaleString('en')} students`);
    console.log(`| list (p50, ms) | ${head.join(' | ')} | largest ÷ smallest |`);
    console.log(`|---|${steps.map(() => '---:').join('|')}|---:|`);
    for (const [label, values] of table)
      console.log(
        `| ${label} | ${values.map((v) => v.toFixed(1)).join(' | ')} | ${(values[values.length - 1] / values[0]).toFixed(2)} |`,
      );
  } finally {
    await database?.close();
    if (process.argv.includes('--keep')) console.error(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
