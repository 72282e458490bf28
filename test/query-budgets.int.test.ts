import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../common/personal-code.ts';
import { countQueries, type QueryCount } from '../server/platform/db.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from './calendar.ts';
import { createPlanFixture, organisationIdsByCode } from './factories.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

/**
 * How many SQL statements one request may run (BEGIN/COMMIT not counted; the transactions are
 * counted apart). One table, so a change in how plans are stored adjusts one line.
 */
const QUERY_BUDGETS = {
  // Before this work (main at 5e326bf), in statements: me 3, student page 8-9, plan page 14,
  // one approval 27, bulk 17 for 1 plan and 69 for 5, lists 5-7 (each also one more transaction).
  // Before bulk approval was batched: plan page 7, one approval 15, bulk 10 for 1 plan and 42 for 5.
  me: 1,
  studentPage: 5,
  planPage: 5,
  /** The plan page's delivery summary (planned, scheduled, delivered): one query more for the schedule. */
  planProgress: 6,
  /** The plan page's signed copies: the session, the plan with its context, the list, the audit row. */
  signedFiles: 4,
  approveOne: 11,
  /** Bulk approval of one plan; 5 and 20 plans must run exactly as many statements. */
  bulkApproval: 8,
  myStudents: 4,
  /** Semester, flag counts kept current (one statement; migration 0025), page with its capped count, audit. */
  watchList: 5,
  studentsList: 4,
  usersList: 5,
  plansList: 3,
  /** A teacher's plans list: the plans they provide a live measure of. */
  teacherPlans: 4,
  /** A student's letters tab: the session, the student, the letters, the guardians, the audit row. */
  lettersList: 5,
} as const;

let server: TestServer;
let cal: TestCalendar;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const who of ['koord.s1', 'direktors.s1', 'skolotajs.s1', 'koord.ziemelu', 'admin'])
    c[who] = await server.signIn(who);
  // The first request of a client fetches nothing extra; warm the CSRF token up front.
  for (const who of Object.keys(c)) await c[who].fetchCsrf();
});
afterAll(async () => {
  resetClock();
  await server.close();
});

/** Runs one request and returns its response with the statements it ran. */
async function counted(fn: () => ReturnType<TestClient['get']>) {
  const { result, count } = await countQueries(fn);
  return { res: result, count };
}

function report(name: string, count: QueryCount) {
  if (process.env.QUERY_COUNT_SQL) console.log(`SQL ${name}\n${count.sql.join('\n---\n')}`);
  if (process.env.QUERY_COUNT_REPORT)
    console.log(
      `QUERYCOUNT ${process.env.PUMPURS_TEST_DB} ${name}: ${count.statements} statements, ${count.transactions} tx`,
    );
}

function within(name: keyof typeof QUERY_BUDGETS, count: QueryCount) {
  report(name, count);
  expect(count.statements, `${name}:\n${count.sql.join('\n')}`).toBeLessThanOrEqual(QUERY_BUDGETS[name]);
}

describe('queries per request', () => {
  it('GET /api/me', async () => {
    const { res, count } = await counted(() => c['koord.s1'].get('/api/me'));
    expect(res.statusCode).toBe(200);
    within('me', count);
  });

  it('the student page and the main lists', async () => {
    const first = (await c['koord.s1'].get('/api/students?pageSize=1')).json().items[0];
    const student = await counted(() => c['koord.s1'].get(`/api/students/${first.id}`));
    expect(student.res.statusCode).toBe(200);
    within('studentPage', student.count);

    const students = await counted(() => c['koord.s1'].get('/api/students'));
    expect(students.res.statusCode).toBe(200);
    within('studentsList', students.count);
    const users = await counted(() => c['koord.s1'].get('/api/users'));
    expect(users.res.statusCode).toBe(200);
    within('usersList', users.count);
    const plans = await counted(() => c['koord.s1'].get('/api/plans'));
    expect(plans.res.statusCode).toBe(200);
    within('plansList', plans.count);
  });

  it('my students (a teacher) and the watch list', async () => {
    const mine = await counted(() => c['skolotajs.s1'].get('/api/students'));
    expect(mine.res.statusCode).toBe(200);
    within('myStudents', mine.count);
    const plans = await counted(() => c['skolotajs.s1'].get('/api/plans'));
    expect(plans.res.statusCode).toBe(200);
    within('teacherPlans', plans.count);
    const watch = await counted(() => c['koord.s1'].get('/api/watch-list'));
    expect(watch.res.statusCode).toBe(200);
    within('watchList', watch.count);
  });

  it('the letters of a student', async () => {
    const first = (await c['koord.s1'].get('/api/students?pageSize=1')).json().items[0];
    const letters = await counted(() => c['koord.s1'].get(`/api/students/${first.id}/letters`));
    expect(letters.res.statusCode).toBe(200);
    within('lettersList', letters.count);
  });

  it('the plan page', async () => {
    const first = (await c['koord.s1'].get('/api/plans?pageSize=1')).json().items[0];
    const plan = await counted(() => c['koord.s1'].get(`/api/plans/${first.id}`));
    expect(plan.res.statusCode).toBe(200);
    within('planPage', plan.count);
    const progress = await counted(() => c['koord.s1'].get(`/api/plans/${first.id}/progress`));
    expect(progress.res.statusCode).toBe(200);
    within('planProgress', progress.count);
    const signed = await counted(() => c['koord.s1'].get(`/api/plans/${first.id}/signed-files`));
    expect(signed.res.statusCode).toBe(200);
    within('signedFiles', signed.count);
  });

  it('one approval, and bulk approval runs as many statements for 5 and for 20 plans as for 1', async () => {
    const schoolId = (await organisationIdsByCode(c.admin))['ZIEM-S1'];
    const born = `${Number(cal.today.slice(0, 4)) - 15}-04-`;
    const submitted: string[] = [];
    for (let i = 0; i < 27; i++) {
      const { planId } = await createPlanFixture(c, {
        schoolId,
        semesterId: cal.current.id,
        personalCode: makeOldPersonalCode(`${born}${String(i + 1).padStart(2, '0')}`, 700 + i),
        firstName: 'Budžeta',
        lastName: `Skolēns${i}`,
        classLabel: '9.b',
        grade: 9,
        riskCode: 'L02',
        riskJustification: 'Grūtības matemātikā',
        goal: 'Uzlabot vērtējumu',
        measure: {
          kind: 'consultation',
          consultationType: 'subject',
          subject: 'Matemātika',
          plannedHours: 4,
          justification: 'Konsultācijas',
        },
        start: false,
      });
      expect((await c['koord.s1'].post(`/api/plans/${planId}/submit`)).statusCode).toBe(200);
      submitted.push(planId);
    }
    const one = await counted(() => c['direktors.s1'].post(`/api/plans/${submitted[0]}/approve`));
    expect(one.res.statusCode, one.res.body).toBe(200);
    within('approveOne', one.count);

    const bulkOne = await counted(() =>
      c['direktors.s1'].post('/api/approvals/approve', { planIds: [submitted[1]] }),
    );
    expect(bulkOne.res.json()).toEqual({ approved: 1 });
    const bulkFive = await counted(() =>
      c['direktors.s1'].post('/api/approvals/approve', { planIds: submitted.slice(2, 7) }),
    );
    expect(bulkFive.res.json()).toEqual({ approved: 5 });
    const bulkTwenty = await counted(() =>
      c['direktors.s1'].post('/api/approvals/approve', { planIds: submitted.slice(7, 27) }),
    );
    expect(bulkTwenty.res.json()).toEqual({ approved: 20 });
    within('bulkApproval', bulkOne.count);
    report('bulk approval of 5', bulkFive.count);
    report('bulk approval of 20', bulkTwenty.count);
    expect(bulkFive.count.statements, bulkFive.count.sql.join('\n')).toBe(bulkOne.count.statements);
    expect(bulkTwenty.count.statements, bulkTwenty.count.sql.join('\n')).toBe(bulkOne.count.statements);
    expect(bulkTwenty.count.transactions).toBe(bulkOne.count.transactions);
  });
});
