import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { createTestServer, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

// Attendance names an existing student (migration 0031 checks it once per statement, not per row).

let server: TestServer;
let studentId: string;
let newStudent: (n: number) => Promise<string>;

/** The SQLSTATE of the error `run` ends with inside a transaction, or null when it succeeds. */
async function sqlState(
  run: (tx: Parameters<Parameters<TestServer['database']['withTx']>[0]>[0]) => Promise<unknown>,
) {
  try {
    await server.database.withTx(async (tx) => {
      await run(tx);
    });
    return null;
  } catch (e) {
    for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause)
      if (typeof (x as { code?: unknown }).code === 'string') return (x as { code: string }).code;
    throw e;
  }
}

beforeAll(async () => {
  server = await createTestServer();
  const [row] = await server.database.read((db) =>
    queryRows<{ id: string }>(db, sql`select id::text from students order by id limit 1`),
  );
  studentId = row.id;
  const koord = await server.signIn('koord.s1');
  const admin = await server.signIn('admin');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  const schoolId = orgs.find((o) => o.code === 'ZIEM-S1')?.id;
  newStudent = async (n) =>
    (
      await koord.post('/api/students', {
        personalCode: makeOldPersonalCode(`2012-04-0${n}`, 300),
        firstName: 'Atsauces',
        lastName: `Skolēns${n}`,
        schoolId,
        classLabel: '6.a',
        grade: 6,
      })
    ).json().id;
});
afterAll(async () => {
  await server.close();
});

describe('attendance of a student', () => {
  it('is written for an existing student, one row or many', async () => {
    const state = await sqlState((tx) =>
      tx.execute(sql`insert into attendance (student_id, on_date, lesson_no, reason)
        select ${studentId}::uuid, date '2026-01-12' + d, 1, 'present' from generate_series(0, 9) d`),
    );
    expect(state).toBeNull();
  });

  it('is refused for a student that does not exist, even among rows of one that does', async () => {
    const state = await sqlState((tx) =>
      tx.execute(sql`insert into attendance (student_id, on_date, lesson_no, reason)
        values (${studentId}::uuid, '2026-02-02', 1, 'present'), (${randomUUID()}::uuid, '2026-02-02', 1, 'present')`),
    );
    expect(state).toBe('23503');
  });

  it('cannot be moved to a student that does not exist', async () => {
    const state = await sqlState((tx) =>
      tx.execute(
        sql`update attendance set student_id = ${randomUUID()}::uuid where student_id = ${studentId}::uuid`,
      ),
    );
    expect(state).toBe('23503');
  });

  it('keeps its student from being deleted or renumbered; a student without attendance may be', async () => {
    const [kept, free] = [await newStudent(1), await newStudent(2)];
    await server.database.withTx((tx) =>
      tx.execute(
        sql`insert into attendance (student_id, on_date, lesson_no, reason) values (${kept}::uuid, '2026-02-03', 1, 'present')`,
      ),
    );
    expect(await sqlState((tx) => tx.execute(sql`delete from students where id = ${kept}::uuid`))).toBe(
      '23503',
    );
    expect(
      await sqlState((tx) =>
        tx.execute(sql`update students set id = ${randomUUID()}::uuid where id = ${kept}::uuid`),
      ),
    ).toBe('23503');
    expect(await sqlState((tx) => tx.execute(sql`delete from students where id = ${free}::uuid`))).toBeNull();
  });
});
