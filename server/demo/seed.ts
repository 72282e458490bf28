import { sql } from 'drizzle-orm';
import { type Role, SECOND_FACTOR_ROLES } from '../../common/roles.ts';
import { enrolDemoSecondFactor } from '../domains/auth/index.ts';
import { upsertBudget } from '../domains/budgets/index.ts';
import { findRoot, insertOrganisation } from '../domains/organisations/index.ts';
import { refreshAllPeriodsIn } from '../domains/reports/index.ts';
import { refitRiskScore } from '../domains/risk-score/index.ts';
import {
  insertApplications,
  insertAssignment,
  insertGuardians,
  insertStudents,
} from '../domains/students/index.ts';
import { insertGrant, insertUser } from '../domains/users/index.ts';
import { now as clockNow } from '../platform/clock.ts';
import { parseSecretKey } from '../platform/config.ts';
import { addDays } from '../platform/dates.ts';
import type { Database, Db } from '../platform/db.ts';
import { hashPassword } from '../platform/passwords.ts';
// The demo runs plans' and students' services outside the app: their ports must be wired.
import '../wiring.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './accounts.ts';
import { type DemoCalendar, demoCalendar } from './calendar.ts';
import { seedEjournal } from './ejournal.ts';
import { demoId } from './ids.ts';
import { seedNotes } from './notes.ts';
import { DEMO_MUNICIPALITIES, DEMO_STATE_SCHOOL, NATION } from './organisations.ts';
import { seedOutcomes, seedYearOutcomes } from './outcomes.ts';
import { seedPlans } from './plans.ts';
import { pick, seededRandom } from './random.ts';
import { DEMO_SCHOOL_SIZES, demoStudentsForSchool } from './students.ts';

const MANDATORY_SECOND_FACTOR = new Set<Role>(SECOND_FACTOR_ROLES);

/** Organisation ids and paths by demo key ('nation', 'ziemelu', 's1', 'ziemelu-soc', …). */
type OrgIndex = Map<string, { id: string; path: string }>;

async function seedOrganisations(tx: Db): Promise<OrgIndex> {
  const index: OrgIndex = new Map();
  const nation = await insertOrganisation(tx, {
    id: demoId('nation'),
    parentId: null,
    parentPath: '/',
    type: 'nation',
    schoolType: null,
    name: NATION.name,
    code: NATION.code,
  });
  index.set('nation', nation);
  for (const m of DEMO_MUNICIPALITIES) {
    const mun = await insertOrganisation(tx, {
      id: demoId(m.key),
      parentId: nation.id,
      parentPath: nation.path,
      type: 'municipality',
      schoolType: null,
      name: m.name,
      code: m.code,
    });
    index.set(m.key, mun);
    for (const s of m.schools) {
      index.set(
        s.key,
        await insertOrganisation(tx, {
          id: demoId(s.key),
          parentId: mun.id,
          parentPath: mun.path,
          type: 'school',
          schoolType: s.schoolType,
          name: s.name,
          code: s.code,
        }),
      );
    }
    for (const p of m.partners) {
      index.set(
        p.key,
        await insertOrganisation(tx, {
          id: demoId(p.key),
          parentId: mun.id,
          parentPath: mun.path,
          type: 'partner',
          schoolType: null,
          partnerKind: p.kind,
          name: p.name,
          code: null,
        }),
      );
    }
  }
  const s = DEMO_STATE_SCHOOL;
  index.set(
    s.key,
    await insertOrganisation(tx, {
      id: demoId(s.key),
      parentId: nation.id,
      parentPath: nation.path,
      type: 'school',
      schoolType: s.schoolType,
      name: s.name,
      code: s.code,
    }),
  );
  return index;
}

const FIRST_NAMES = [
  'Līga',
  'Mārtiņš',
  'Ieva',
  'Andris',
  'Inese',
  'Raimonds',
  'Sanita',
  'Gatis',
  'Elīna',
  'Uldis',
  'Agnese',
  'Kārlis',
];
const LAST_NAMES = [
  'Bērziņa',
  'Kalniņš',
  'Liepiņa',
  'Ozols',
  'Krūmiņa',
  'Vītols',
  'Zariņa',
  'Jansons',
  'Celmiņa',
  'Lapiņš',
  'Priede',
  'Grīnbergs',
];

/** Staff beyond the named accounts: every school gets a director, coordinator, teachers and a psychologist. */
function generatedStaff(): DemoAccount[] {
  const named = new Set(DEMO_ACCOUNTS.map((a) => a.email));
  const schools = [...DEMO_MUNICIPALITIES.flatMap((m) => m.schools), DEMO_STATE_SCHOOL];
  const out: DemoAccount[] = [];
  let n = 0;
  const person = () => {
    n += 1;
    return {
      firstName: FIRST_NAMES[n % FIRST_NAMES.length],
      lastName: LAST_NAMES[(n * 7) % LAST_NAMES.length],
    };
  };
  const add = (email: string, home: string, role: Role) => {
    if (!named.has(email)) out.push({ email, ...person(), home, grants: [{ role, org: home }] });
  };
  for (const s of schools) {
    add(`direktors.${s.key}@demo.pumpurs.lv`, s.key, 'school_director');
    add(`koord.${s.key}@demo.pumpurs.lv`, s.key, 'school_coordinator');
    add(`psihologs.${s.key}@demo.pumpurs.lv`, s.key, 'specialist');
    for (let t = 1; t <= 3; t++)
      add(`skolotajs${t === 1 ? '' : t}.${s.key}@demo.pumpurs.lv`, s.key, 'teacher');
  }
  for (const m of DEMO_MUNICIPALITIES) {
    add(`socdienests.${m.key}@demo.pumpurs.lv`, `${m.key}-soc`, 'partner');
    add(`baritiesa.${m.key}@demo.pumpurs.lv`, `${m.key}-bt`, 'partner');
  }
  return out;
}

async function seedAccounts(tx: Db, orgs: OrgIndex, secretKey: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = [...DEMO_ACCOUNTS, ...generatedStaff()];
  for (const a of accounts) {
    const home = orgs.get(a.home);
    if (!home) throw new Error(`demo account ${a.email}: unknown organisation ${a.home}`);
    const userId = await insertUser(tx, {
      email: a.email,
      passwordHash,
      firstName: a.firstName,
      lastName: a.lastName,
      language: 'lv',
      homeOrgId: home.id,
    });
    ids.set(a.email.split('@')[0], userId);
    for (const g of a.grants) {
      const org = orgs.get(g.org);
      if (!org) throw new Error(`demo grant ${a.email}: unknown organisation ${g.org}`);
      await insertGrant(tx, { userId, role: g.role, orgId: org.id, createdBy: null });
    }
    // Issue 16: the mandatory roles sign in with a code; the demo's secrets are published
    // (`npm run cli -- demo-code ACCOUNT` prints the current code).
    if (a.grants.some((g) => MANDATORY_SECOND_FACTOR.has(g.role)))
      await enrolDemoSecondFactor(tx, userId, a.email, secretKey, clockNow());
  }
  return ids;
}

/** About 3,000 students with guardians; some with a signed application; a few assigned to staff. */
async function seedStudents(
  tx: Db,
  orgs: OrgIndex,
  users: Map<string, string>,
  cal: DemoCalendar,
): Promise<void> {
  const used = new Set<string>();
  for (const key of Object.keys(DEMO_SCHOOL_SIZES)) {
    const school = orgs.get(key);
    if (!school) throw new Error(`demo school ${key} missing`);
    const list = demoStudentsForSchool(key, school.id, used, cal.current.schoolYear);
    const rand = seededRandom(Number.parseInt(key.slice(1), 10) * 104729);
    for (let i = 0; i < list.length; i += 500) {
      const batch = list.slice(i, i + 500);
      const ids = await insertStudents(tx, batch);
      const guardianValues = batch.map((s, j) => ({
        studentId: ids[j],
        firstName:
          rand() < 0.75
            ? pick(rand, ['Inga', 'Santa', 'Ilze', 'Dace', 'Kristīne', 'Aija'])
            : pick(rand, ['Andris', 'Edgars', 'Aivars', 'Juris', 'Valdis']),
        lastName: s.lastName,
        relation: 'mother',
        phone: `+371 2${String(Math.floor(rand() * 10_000_000)).padStart(7, '0')}`,
        email: null,
        language: 'lv',
      }));
      for (const g of guardianValues)
        if (['Andris', 'Edgars', 'Aivars', 'Juris', 'Valdis'].includes(g.firstName)) g.relation = 'father';
      const guardianIds = await insertGuardians(tx, guardianValues);
      await insertApplications(
        tx,
        batch.flatMap((_, j) =>
          rand() < 0.3
            ? [
                {
                  studentId: ids[j],
                  // Signed early last semester: in force all through the current one.
                  signedOn: addDays(cal.previous.startsOn, 1 + Math.floor(rand() * 20)),
                  signerType: 'guardian',
                  guardianId: guardianIds[j],
                  signerName: `${guardianValues[j].firstName} ${guardianValues[j].lastName}`,
                  scope: 'participation_and_data',
                  documentRef: `IES-${cal.previous.schoolYear}-${key.toUpperCase()}-${i + j + 1}`,
                  createdBy: null,
                },
              ]
            : [],
        ),
      );
      if (i === 0) {
        // The demo teacher and psychologist of each school work with a handful of its students.
        for (const [account, count] of [
          [`skolotajs.${key}`, 12],
          [`psihologs.${key}`, 8],
        ] as const) {
          const userId = users.get(account);
          if (userId) for (const id of ids.slice(0, count)) await insertAssignment(tx, id, userId, null);
        }
      }
    }
  }
}

/** Each school's allocation for last and this semester: consultation hours by size, euros per category. */
async function seedBudgets(tx: Db, orgs: OrgIndex, cal: DemoCalendar): Promise<void> {
  const semesters = [cal.previous, cal.current];
  for (const [key, size] of Object.entries(DEMO_SCHOOL_SIZES)) {
    const school = orgs.get(key);
    if (!school) continue;
    for (const semester of semesters) {
      await upsertBudget(
        tx,
        school.id,
        semester.id,
        'consultation',
        Math.round(size.students * 0.6) * 60,
        null,
      );
      for (const [category, euros] of [
        ['transport', 3000],
        ['accommodation', 2000],
        ['meals', 2500],
        ['study_materials', 1500],
        ['personal_items', 1000],
      ] as const) {
        await upsertBudget(
          tx,
          school.id,
          semester.id,
          category,
          Math.round((euros * size.students) / 300) * 100,
          null,
        );
      }
    }
  }
}

// Any fixed number shared by all instances; the migrations' lock is 727274.
const DEMO_LOCK = 727275;

/**
 * Loads the demo in one transaction when the database holds no organisations. Deterministic for
 * a given day: everything is dated relative to today (the clock) and the school-year calendar.
 * On PostgreSQL an advisory lock makes instances starting together load it once: the second
 * waits for the first to commit, then finds the database no longer empty.
 */
export async function loadDemoIfEmpty(
  database: Database,
  secretKey: string = parseSecretKey(process.env, process.env.NODE_ENV === 'production'),
): Promise<boolean> {
  const loaded = await database.withTx(async (tx) => {
    if (database.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK})`);
    if (await findRoot(tx)) return false;
    const cal = await demoCalendar(tx);
    const orgs = await seedOrganisations(tx);
    const users = await seedAccounts(tx, orgs, secretKey);
    await seedStudents(tx, orgs, users, cal);
    const coordinators = new Map<string, string>();
    for (const [key, org] of orgs) {
      const id = users.get(`koord.${key}`);
      if (id) coordinators.set(org.id, id);
    }
    await seedEjournal(tx, coordinators, cal);
    await seedBudgets(tx, orgs, cal);
    const s1 = orgs.get('s1');
    if (s1) await seedPlans(tx, s1.id, users, cal);
    // Issue 15's labelled history: every student's outcome of the last completed school year.
    await seedYearOutcomes(tx, coordinators, cal);
    if (s1) await seedOutcomes(tx, s1.id, users, cal);
    await seedNotes(tx, users, cal);
    // The reports' read model for every period of the demo's calendar, so the dashboards show figures at once.
    await refreshAllPeriodsIn(tx);
    return true;
  });
  // Issue 15: the advisory risk score's first fit over the labelled history just loaded, so the
  // watch list shows ranks at once (the weekly job refits later). Its own transactions, after the commit.
  if (loaded) await refitRiskScore(database);
  return loaded;
}
