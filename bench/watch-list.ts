import { sql } from 'drizzle-orm';
import pg from 'pg';
import { makeNewPersonalCode } from '../common/personal-code.ts';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { getWatchList, ofSchool, refreshFor } from '../server/domains/ejournal/index.ts';
import { findRoot, insertOrganisation } from '../server/domains/organisations/index.ts';
import { insertStudents } from '../server/domains/students/index.ts';
import type { RequestContext } from '../server/platform/actor.ts';
import { type Database, openPostgres, queryRows } from '../server/platform/db.ts';
import { percentile } from './lib.ts';

/**
 * The watch list of one school with 2,000 students and a semester of lesson-level attendance
 * (about 1.5 million rows, present lessons included) on PostgreSQL: time to recompute the
 * indicators, and the watch-list request's service time over repeated runs.
 */
export async function benchWatchList(baseUrl: string): Promise<void> {
  const name = `pumpurs_bench_wl_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let database: Database | null = null;
  try {
    database = await openPostgres(url.toString(), 4);
    await loadDemoIfEmpty(database);
    const db = database;
    const root = await db.read((tx) => findRoot(tx));
    if (!root) throw new Error('no root');
    const school = await db.withTx((tx) =>
      insertOrganisation(tx, {
        parentId: root.id,
        parentPath: root.path,
        type: 'school',
        schoolType: 'state_vocational',
        name: 'Lielā testa skola',
        code: 'BENCH-BIG',
      }),
    );
    await db.withTx(async (tx) => {
      const rows = Array.from({ length: 2000 }, (_, i) => ({
        personalCode: makeNewPersonalCode(96_000_000 + i * 13),
        personalCodeWarning: false,
        firstName: `Vārds${i}`,
        lastName: `Uzvārds${i}`,
        birthDate: null,
        gender: null,
        schoolId: school.id,
        grade: 5 + (i % 8),
        course: null,
        classLabel: `${5 + (i % 8)}.${'abc'[i % 3]}`,
      }));
      for (let i = 0; i < rows.length; i += 500) await insertStudents(tx, rows.slice(i, i + 500));
    });
    const t0 = performance.now();
    await db.withTx((tx) =>
      tx.execute(sql`
        insert into attendance (student_id, on_date, lesson_no, lessons, reason, source)
        select s.id, d::date, l, 1,
          case when r < p then 'unjustified' when r < p + 0.045 then 'justified' else 'present' end, 'import'
        from students s
          cross join generate_series('2026-09-01'::date, '2026-12-22'::date, '1 day') d
          cross join generate_series(1, 9) l
          cross join lateral (select random() + 0 * l as r,
            -- one student in ten misses lessons without reason six times as often
            case when abs(hashtext(s.id::text)) % 10 = 0 then 0.06 else 0.01 end as p) x
        where s.school_id = ${school.id} and extract(isodow from d) < 6`),
    );
    const loadMs = performance.now() - t0;
    const [{ n }] = await db.read((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from attendance a join students s on s.id = a.student_id where s.school_id = ${school.id}`,
      ),
    );
    const t1 = performance.now();
    await db.withTx((tx) => refreshFor(tx, ['2026-10-01'], ofSchool(school.id)));
    const refreshMs = performance.now() - t1;
    await db.withTx((tx) => tx.execute(sql`analyze`));
    const ctx: RequestContext = {
      actor: {
        userId: '00000000-0000-0000-0000-000000000000',
        email: 'bench',
        firstName: 'B',
        lastName: 'B',
        language: 'lv',
        grants: [
          {
            id: 'g',
            role: 'national_admin',
            orgId: root.id,
            orgPath: root.path,
            orgType: 'nation',
            orgName: root.name,
          },
        ],
      },
      requestId: 'bench',
      ip: null,
      language: 'lv',
    };
    const semesterId = (
      await db.read((tx) =>
        queryRows<{ id: string }>(tx, sql`select id from semesters where school_year = 2026 and number = 1`),
      )
    )[0].id;
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const res = await db.withTx((tx) =>
        getWatchList(ctx, { schoolId: school.id, semesterId, page: 1, pageSize: 50 }, tx),
      );
      times.push(performance.now() - t);
      total = res.total;
    }
    times.sort((a, b) => a - b);
    console.log(
      `| postgres | school of 2,000 students: load ${n.toLocaleString('en')} lesson-level attendance rows (SQL) | ${(loadMs / 1000).toFixed(1)} s |`,
    );
    console.log(
      `| postgres | recompute that school's indicators for the semester | ${refreshMs.toFixed(0)} ms |`,
    );
    console.log(
      `| postgres | watch list of that school, first page of 50 (${total} flagged), 30 runs | p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms |`,
    );
  } finally {
    await database?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
