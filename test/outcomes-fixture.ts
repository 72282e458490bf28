import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { makeNewPersonalCode } from '../common/personal-code.ts';
import { findSemesters } from '../server/domains/calendar/index.ts';
import { type Database, queryRows } from '../server/platform/db.ts';
import { readTestCalendar } from './calendar.ts';
import { organisationIdsByCode } from './factories.ts';
import type { TestServer } from './server.ts';

/**
 * A hand-built set of programme students for the outcome tests, in the school year of the test
 * calendar's previous semester (`year`), written straight into the tables so every figure is known:
 * - alpha: a plan at school 1 in `plan` semester; indicators in the semester before (12 lessons, 5.50)
 *   and in the plan's semester (3 lessons, 6.25);
 * - bravo: only a draft never submitted at school 1 (not listed);
 * - charlie: a plan at school 1, then moved to school 2 (listed by school 1, not by school 2);
 * - delta: a plan at school 5 of the other municipality;
 * - echo: a deleted plan at school 1 (not listed);
 * - foxtrot: a plan at school 1 and no indicators (before/after null);
 * and three students without a plan (issue 15: any student's result may be imported):
 * - golf: at school 1, indicators there in the plan semester (20 lessons, 3.40);
 * - hotel: moved from school 1 to school 2 — indicators of the plan semester computed at school 1;
 * - india: at school 2, indicators there.
 */
export interface OutcomeFixture {
  year: number;
  schools: Record<'s1' | 's2' | 's5', string>;
  students: Record<
    'alpha' | 'bravo' | 'charlie' | 'delta' | 'echo' | 'foxtrot' | 'golf' | 'hotel' | 'india',
    { id: string; code: string }
  >;
}

let seq = 0;

async function student(db: Database, schoolId: string, last: string, classLabel: string) {
  const id = randomUUID();
  const code = makeNewPersonalCode(87_650_000 + Math.floor(Math.random() * 300_000) * 10 + seq++);
  await db.withTx((tx) =>
    queryRows(
      tx,
      sql`insert into students (id, personal_code, first_name, last_name, school_id, class_label)
          values (${id}, ${code}, 'Skolēns', ${last}, ${schoolId}, ${classLabel})`,
    ),
  );
  return { id, code };
}

async function plan(
  db: Database,
  p: {
    studentId: string;
    schoolId: string;
    semesterId: string;
    status: string;
    version: number;
    classLabel: string;
  },
) {
  await db.withTx((tx) =>
    queryRows(
      tx,
      sql`insert into plans (code, student_id, school_id, semester_id, status, version, class_label)
          values (${`IZN-${randomUUID().slice(0, 8)}`}, ${p.studentId}, ${p.schoolId}, ${p.semesterId},
                  ${p.status}, ${p.version}, ${p.classLabel})`,
    ),
  );
}

async function indicators(
  db: Database,
  p: { studentId: string; schoolId: string; semesterId: string; unjustified: number; mark: string },
) {
  await db.withTx((tx) =>
    queryRows(
      tx,
      sql`insert into student_indicators (student_id, semester_id, school_id, unjustified_lessons,
            justified_lessons, other_lessons, low_marks, mark_average, behaviour_notes)
          values (${p.studentId}, ${p.semesterId}, ${p.schoolId}, ${p.unjustified}, 0, 0, 0, ${p.mark}, 0)`,
    ),
  );
}

export async function buildOutcomeFixture(server: TestServer): Promise<OutcomeFixture> {
  const db = server.database;
  const cal = await readTestCalendar(db);
  const all = await db.read((tx) => findSemesters(tx)); // newest first
  const planSemester = cal.previous;
  const before = all[all.findIndex((s) => s.id === planSemester.id) + 1];
  if (!before) throw new Error('outcome fixture: no semester before the previous one');
  const ids = await organisationIdsByCode(await server.signIn('admin'));
  const schools = { s1: ids['ZIEM-S1'], s2: ids['ZIEM-S2'], s5: ids['DIEN-S5'] };
  const sem = planSemester.id;
  const alpha = await student(db, schools.s1, 'Alfa', '7.a');
  await plan(db, {
    studentId: alpha.id,
    schoolId: schools.s1,
    semesterId: sem,
    status: 'approved',
    version: 1,
    classLabel: '7.a',
  });
  await indicators(db, {
    studentId: alpha.id,
    schoolId: schools.s1,
    semesterId: before.id,
    unjustified: 12,
    mark: '5.50',
  });
  await indicators(db, {
    studentId: alpha.id,
    schoolId: schools.s1,
    semesterId: sem,
    unjustified: 3,
    mark: '6.25',
  });
  const bravo = await student(db, schools.s1, 'Bravo', '7.a');
  await plan(db, {
    studentId: bravo.id,
    schoolId: schools.s1,
    semesterId: sem,
    status: 'draft',
    version: 0,
    classLabel: '7.a',
  });
  const charlie = await student(db, schools.s2, 'Čārlijs', '8.b');
  await plan(db, {
    studentId: charlie.id,
    schoolId: schools.s1,
    semesterId: sem,
    status: 'in_progress',
    version: 1,
    classLabel: '8.b',
  });
  await db.withTx((tx) =>
    queryRows(tx, sql`update plans set moved_out_at = now() where student_id = ${charlie.id}`),
  );
  const delta = await student(db, schools.s5, 'Delta', '9.c');
  await plan(db, {
    studentId: delta.id,
    schoolId: schools.s5,
    semesterId: sem,
    status: 'approved',
    version: 1,
    classLabel: '9.c',
  });
  const echo = await student(db, schools.s1, 'Eho', '7.a');
  await plan(db, {
    studentId: echo.id,
    schoolId: schools.s1,
    semesterId: sem,
    status: 'deleted',
    version: 1,
    classLabel: '7.a',
  });
  const foxtrot = await student(db, schools.s1, 'Fokstrots', '6.a');
  await plan(db, {
    studentId: foxtrot.id,
    schoolId: schools.s1,
    semesterId: sem,
    status: 'evaluated',
    version: 2,
    classLabel: '6.a',
  });
  const golf = await student(db, schools.s1, 'Golfs', '7.b');
  await indicators(db, {
    studentId: golf.id,
    schoolId: schools.s1,
    semesterId: sem,
    unjustified: 20,
    mark: '3.40',
  });
  const hotel = await student(db, schools.s2, 'Hotels', '8.a');
  await indicators(db, {
    studentId: hotel.id,
    schoolId: schools.s1,
    semesterId: sem,
    unjustified: 4,
    mark: '7.00',
  });
  const india = await student(db, schools.s2, 'Indija', '8.a');
  await indicators(db, {
    studentId: india.id,
    schoolId: schools.s2,
    semesterId: sem,
    unjustified: 1,
    mark: '8.00',
  });
  return {
    year: planSemester.schoolYear,
    schools,
    students: { alpha, bravo, charlie, delta, echo, foxtrot, golf, hotel, india },
  };
}
