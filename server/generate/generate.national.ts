// The generator's test (PostgreSQL only): `npx vitest run --config vitest.national.config.ts`.
// Generates a small national set twice with one seed into fresh databases, boots the app on one.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/server.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { type Database, openPostgres } from '../platform/db.ts';
import { GenerateRefused, generateNational } from './generate.ts';
import { DEFAULT_GENERATED_PASSWORD, parseGenerateArgs } from './options.ts';
import { GENERATED_DOMAIN } from './people.ts';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SIZE = { students: 900, schools: 8, semesters: 2 };
const names = ['a', 'b'].map((x) => `pumpurs_gen_national_${process.pid}_${x}`);
const urlOf = (name: string) => {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = BASE): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const one = async <T>(url: string, text: string, params: unknown[] = []): Promise<T> =>
  admin(async (c) => (await c.query(text, params)).rows[0] as T, url);

/**
 * A fingerprint of the generated rows that must not depend on where they were made. Semesters are
 * named by year and number: their ids come from each database's calendar (its migrations).
 */
const FINGERPRINT = `select
  (select md5(string_agg(concat_ws('|', id, personal_code, first_name, last_name, birth_date, school_id, class_label), ',' order by id)) from students) as students,
  (select md5(string_agg(concat_ws('|', student_id, on_date, lesson_no, reason, subject), ',' order by id)) from attendance) as attendance,
  (select md5(string_agg(concat_ws('|', student_id, subject, on_date, mark), ',' order by id)) from marks) as marks,
  (select md5(string_agg(concat_ws('|', id, code, student_id, status, approval_level, version), ',' order by id)) from plans) as plans,
  (select md5(string_agg(concat_ws('|', i.student_id, m.school_year, m.number, i.unjustified_lessons, i.low_marks, i.mark_average, i.legal_duty_crossed_on), ',' order by i.student_id, m.starts_on))
     from student_indicators i join semesters m on m.id = i.semester_id) as indicators,
  (select md5(string_agg(concat_ws('|', id, email), ',' order by id)) from users) as users`;

describe('the national data generator', () => {
  let app: FastifyInstance;
  let database: Database;
  const [urlA, urlB] = names.map(urlOf);
  const options = (databaseUrl: string) => ({
    ...SIZE,
    seed: 42,
    databaseUrl,
    password: DEFAULT_GENERATED_PASSWORD,
  });

  beforeAll(async () => {
    await admin(async (c) => {
      for (const n of names) {
        await c.query(`drop database if exists ${n} with (force)`);
        await c.query(`create database ${n}`);
      }
    });
    await generateNational(options(urlA));
    await generateNational(options(urlB));
    database = await openPostgres(urlA, 5);
    app = await buildApp({
      config: loadConfig({ logLevel: 'silent', loadDemo: false, databaseUrl: urlA }),
      database,
      serveClient: false,
    });
    await app.ready();
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await admin(async (c) => {
      for (const n of names) await c.query(`drop database if exists ${n} with (force)`);
    });
  });

  it('makes the requested numbers of students, schools and semesters, with about 90 lessons a student a semester', async () => {
    const c = await one<Record<string, number>>(
      urlA,
      `select (select count(*)::int from students) as students,
         (select count(*)::int from organisations where type = 'school') as schools,
         (select count(*)::int from organisations where type = 'municipality') as municipalities,
         (select count(distinct semester_id)::int from student_indicators) as semesters,
         (select count(*)::int from student_indicators) as indicators,
         (select max(n)::int from (select count(*) as n from attendance group by student_id) x) as max_lessons,
         (select count(*)::int from plans) as plans,
         (select count(distinct status)::int from plans) as statuses`,
    );
    expect(c).toMatchObject({
      students: SIZE.students,
      schools: SIZE.schools,
      semesters: SIZE.semesters,
      indicators: SIZE.students * SIZE.semesters,
    });
    expect(c.municipalities).toBeGreaterThan(0);
    // The past semester is complete: exactly 90 lesson rows; the current one has at most 90.
    expect(c.max_lessons).toBeGreaterThanOrEqual(90);
    expect(c.max_lessons).toBeLessThanOrEqual(180);
    // About 9 % of students have a plan (900 students: 81 expected).
    expect(c.plans).toBeGreaterThan(40);
    expect(c.plans).toBeLessThan(130);
  });

  it('gives the same data for the same seed', async () => {
    const [a, b] = await Promise.all([urlA, urlB].map((u) => one<Record<string, string>>(u, FINGERPRINT)));
    expect(a.students).not.toBeNull();
    expect(b).toEqual(a);
  });

  it('refuses a database that is not empty, and a missing PostgreSQL URL', async () => {
    await expect(generateNational(options(urlA))).rejects.toBeInstanceOf(GenerateRefused);
    expect(() => parseGenerateArgs(['--students', '10', '--schools', '2'], {})).toThrow(/PostgreSQL only/);
    expect(() =>
      parseGenerateArgs(['--students', '10', '--schools', '2', '--database-url', 'file:./data'], {}),
    ).toThrow(/PostgreSQL only/);
  });

  it("lets a municipal coordinator sign in and see only the municipality's students, and open a plan", async () => {
    const mun = await one<{ id: string; code: string; students: number }>(
      urlA,
      `select m.id, m.code, (select count(*)::int from students s join organisations o on o.id = s.school_id
         where o.parent_id = m.id) as students
       from organisations m where m.type = 'municipality' order by m.code limit 1`,
    );
    const client = new TestClient(app, '10.9.0.1');
    const login = await client.login(
      `koord.${mun.code.toLowerCase()}@${GENERATED_DOMAIN}`,
      DEFAULT_GENERATED_PASSWORD,
    );
    expect(login.statusCode).toBe(200);
    await client.passSecondFactor();
    const schools = new Set(
      (
        await admin(
          async (c) => (await c.query(`select id from organisations where parent_id = $1`, [mun.id])).rows,
          urlA,
        )
      ).map((r: { id: string }) => r.id),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await client.get(`/api/students?pageSize=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: string; schoolId: string }[]; nextCursor: string | null };
      for (const s of body.items) {
        expect(schools.has(s.schoolId)).toBe(true);
        seen.push(s.id);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(mun.students);

    const other = await one<{ id: string }>(
      urlA,
      `select s.id from students s join organisations o on o.id = s.school_id where o.parent_id is distinct from $1 limit 1`,
      [mun.id],
    );
    expect((await client.get(`/api/students/${other.id}`)).statusCode).toBe(404);

    const plan = await one<{ id: string; status: string } | undefined>(
      urlA,
      `select p.id, p.status from plans p join organisations o on o.id = p.school_id
       where o.parent_id = $1 and p.status <> 'deleted' order by p.code limit 1`,
      [mun.id],
    );
    expect(plan).toBeDefined();
    const page = await client.get(`/api/plans/${plan?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ id: plan?.id, status: plan?.status });
  });
});
