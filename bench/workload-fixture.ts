import pg from 'pg';
import { today } from '../server/platform/clock.ts';
import { hashPassword } from '../server/platform/passwords.ts';

/** The password the bench gives the accounts it signs in with (its own scratch database only). */
export const BENCH_PASSWORD = 'Pumpurs-bench-1';

export interface BenchAccount {
  userId: string;
  email: string;
  orgId: string;
}

/** A consultation a provider may record: a plan in progress, its measure, the date to record on. */
export interface SessionTarget {
  providerEmail: string;
  planId: string;
  studentId: string;
  measureId: string;
  onDate: string;
}

/** Who the mixed workload signs in as and which records it opens, found in the bench database. */
export interface WorkloadFixture {
  municipalCoordinators: BenchAccount[];
  schoolCoordinators: BenchAccount[];
  /** Student and plan ids by school id (a sample of each school's). */
  studentsBySchool: Map<string, string[]>;
  plansBySchool: Map<string, string[]>;
  searchTerms: string[];
  sessionTargets: SessionTarget[];
  /** Accounts the sign-in requests rotate through (one attempt per account at a time). */
  signInEmails: string[];
  counts: { students: number; schools: number; plans: number; attendance: number };
}

async function accountsWithRole(db: pg.Client, role: string, limit: number): Promise<BenchAccount[]> {
  // The coordinators of the largest scopes first, so the municipal lists are the hardest ones.
  const { rows } = await db.query<BenchAccount>(
    `with per_school as (
       select so.path, count(*) as n from students s join organisations so on so.id = s.school_id
        group by so.path)
     select u.id as "userId", u.email, g.org_id as "orgId"
       from role_grants g
       join users u on u.id = g.user_id and u.active
       join organisations o on o.id = g.org_id
       left join lateral (select sum(n) as n from per_school ps where ps.path like o.path || '%') c on true
      where g.role = $1
      order by c.n desc nulls last, u.email
      limit $2`,
    [role, limit],
  );
  return rows;
}

async function sampleBySchool(
  db: pg.Client,
  table: 'students' | 'plans',
  schoolIds: string[],
  perSchool: number,
) {
  const filter = table === 'plans' ? `status <> 'deleted'` : `status = 'enrolled'`;
  const { rows } = await db.query<{ id: string; school_id: string }>(
    `select id, school_id from (
       select id, school_id, row_number() over (partition by school_id order by id) as n
         from ${table} where school_id = any($1) and ${filter}) x
      where n <= $2`,
    [schoolIds, perSchool],
  );
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.school_id, [...(map.get(r.school_id) ?? []), r.id]);
  return map;
}

async function findSessionTargets(db: pg.Client, on: string, limit: number): Promise<SessionTarget[]> {
  const { rows } = await db.query<SessionTarget>(
    `select u.email as "providerEmail", p.id as "planId", p.student_id as "studentId", m.id as "measureId",
            to_char(least($1::date, s.ends_on), 'YYYY-MM-DD') as "onDate"
       from plans p
       join semesters s on s.id = p.semester_id and s.starts_on <= $1::date
       join plan_measures m on m.plan_id = p.id and m.kind = 'consultation' and m.removed_at is null
       join plan_measure_providers pr on pr.plan_id = p.id and pr.measure_id = m.id
       join users u on u.id = pr.user_id and u.active
      where p.status = 'in_progress' and p.moved_out_at is null
      order by s.starts_on desc, p.id
      limit $2`,
    [on, limit],
  );
  return rows;
}

/**
 * Reads the accounts and records the workload uses from the bench database, and prepares it: the
 * chosen accounts get BENCH_PASSWORD, and consultation budgets and the per-student cap are raised
 * so that recording sessions for minutes on end is not refused as over budget (the checks still run).
 */
export async function prepareWorkloadFixture(url: string): Promise<WorkloadFixture> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const municipalCoordinators = await accountsWithRole(db, 'municipal_coordinator', 3);
    const schoolCoordinators = await accountsWithRole(db, 'school_coordinator', 20);
    if (municipalCoordinators.length === 0 || schoolCoordinators.length === 0)
      throw new Error('the bench database has no municipal or school coordinator');
    const schoolIds = schoolCoordinators.map((a) => a.orgId);
    const studentsBySchool = await sampleBySchool(db, 'students', schoolIds, 200);
    const plansBySchool = await sampleBySchool(db, 'plans', schoolIds, 50);
    const { rows: names } = await db.query<{ term: string }>(
      `select left(last_name, 4) as term from students order by random() limit 200`,
    );
    const sessionTargets = await findSessionTargets(db, today(), 200);
    const { rows: signIn } = await db.query<{ email: string; id: string }>(
      `select u.email, u.id from users u
        where u.active and exists (select 1 from role_grants g where g.user_id = u.id)
        order by u.email limit 60`,
    );
    const providerEmails = [...new Set(sessionTargets.map((t) => t.providerEmail))];
    const hash = await hashPassword(BENCH_PASSWORD);
    await db.query('update users set password_hash = $1 where id = any($2) or lower(email) = any($3)', [
      hash,
      [...municipalCoordinators, ...schoolCoordinators].map((a) => a.userId).concat(signIn.map((u) => u.id)),
      providerEmails.map((e) => e.toLowerCase()),
    ]);
    await db.query(`update support_budgets set amount = 1000000000 where category = 'consultation'`);
    await db.query(`update support_caps set amount = 1000000000 where category = 'consultation'`);
    const { rows: counts } = await db.query<WorkloadFixture['counts']>(
      `select (select count(*)::int from students) as students,
              (select count(*)::int from organisations where type = 'school') as schools,
              (select count(*)::int from plans) as plans,
              (select greatest(reltuples, 0)::bigint::int from pg_class where relname = 'attendance') as attendance`,
    );
    return {
      municipalCoordinators,
      schoolCoordinators,
      studentsBySchool,
      plansBySchool,
      searchTerms: names.map((n) => n.term).filter((t) => t.length >= 2),
      sessionTargets,
      signInEmails: signIn.map((u) => u.email),
      counts: counts[0],
    };
  } finally {
    await db.end();
  }
}
