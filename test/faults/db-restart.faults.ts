import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { todayInLatvia } from '../../server/platform/dates.ts';
import { createTestDatabase, type TestDatabase } from '../database.ts';
import { freePort, HttpClient } from '../instances/cluster.ts';
import { passSecondFactorHttp } from '../../scripts/second-factor-http.mjs';
import {
  type AppProcess,
  type FaultCluster,
  faultCluster,
  sqlRows,
  startApp,
  startCluster,
  stopCluster,
  waitFor,
  waitUntilAppReady,
} from './harness.ts';

/**
 * PostgreSQL stopped and started again under a steady load of reads and writes (notes, support
 * sessions, plan edits, lists), without restarting the app: requests in flight and those arriving
 * while it is down get 503 `database_unavailable` with Retry-After (never a 500, never a hang),
 * readiness says 503, then the same process answers 2xx again, and nothing half-written remains.
 */
const cluster = faultCluster() as FaultCluster;
/** Seconds PostgreSQL stays down. */
const DOWN_MS = 4_000;
/** The longest any one request may take: past this it counts as a hang. */
const HANG_MS = 25_000;
let database: TestDatabase;
let url: string;
let app: AppProcess;
const figures: Record<string, string | number> = {};

interface Answer {
  loop: string;
  status: number | 'hang' | 'network';
  at: number;
  code?: string;
  retryAfter?: string | null;
  text?: string;
}

/** One request with a bound on its wait; never throws. */
async function call(client: HttpClient, base: string, method: string, path: string, body?: unknown) {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method !== 'GET' && client.csrf ? { 'x-csrf-token': client.csrf } : {}),
        cookie: client.cookieHeader(),
        'accept-language': 'en',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await res.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    } catch {
      code = undefined;
    }
    return {
      status: res.status,
      code,
      retryAfter: res.headers.get('retry-after'),
      text,
      json: (): unknown => JSON.parse(text),
    };
  } catch (err) {
    const hang = (err as Error).name === 'TimeoutError';
    return {
      status: hang ? ('hang' as const) : ('network' as const),
      text: String(err),
      code: undefined,
      retryAfter: null,
      json: (): unknown => {
        throw new Error(String(err));
      },
    };
  }
}

async function signIn(local: string): Promise<HttpClient> {
  const client = new HttpClient(app.base);
  await client.fetchCsrf();
  const login = await client.request('POST', '/api/auth/login', {
    email: `${local}@demo.pumpurs.lv`,
    password: DEMO_PASSWORD,
  });
  expect(login.status, `sign in ${local}`).toBe(200);
  // The coordinator's second factor (issue 16): the demo's published code, typed over HTTP.
  const { secondFactor } = login.json() as { secondFactor?: string | null };
  await passSecondFactorHttp(
    app.base,
    { cookie: client.cookieHeader(), 'x-csrf-token': client.csrf ?? '' },
    `${local}@demo.pumpurs.lv`,
    secondFactor ?? null,
  );
  return client;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Ids {
  schoolId: string;
  studentId: string;
  semesterId: string;
  semesterStart: string;
  semesterEnd: string;
  session: { planId: string; measureId: string; studentId: string };
  draftPlanId: string;
}

async function findIds(): Promise<Ids> {
  const [school] = await sqlRows<{ id: string }>(url, `select id from organisations where code = 'ZIEM-S1'`);
  const [student] = await sqlRows<{ id: string }>(
    url,
    `select id from students where school_id = $1 and status = 'enrolled' order by id limit 1`,
    [school.id],
  );
  const [running] = await sqlRows<{
    plan_id: string;
    measure_id: string;
    student_id: string;
    semester_id: string;
  }>(
    url,
    `select p.id as plan_id, m.id as measure_id, p.student_id, p.semester_id
       from plans p join plan_measures m on m.plan_id = p.id and m.kind = 'consultation' and m.removed_at is null
       join plan_measure_providers mp on mp.plan_id = p.id and mp.measure_id = m.id
       join users u on u.id = mp.user_id and u.email like 'skolotajs.s1@%'
      where p.status = 'in_progress' and p.school_id = $1 limit 1`,
    [school.id],
  );
  const [semester] = await sqlRows<{ starts_on: string; ends_on: string }>(
    url,
    `select starts_on::text, ends_on::text from semesters where id = $1`,
    [running.semester_id],
  );
  const [draft] = await sqlRows<{ id: string }>(
    url,
    `select id from plans where school_id = $1 and status = 'draft' order by version, id limit 1`,
    [school.id],
  );
  return {
    schoolId: school.id,
    studentId: student.id,
    semesterId: running.semester_id,
    semesterStart: semester.starts_on,
    semesterEnd: semester.ends_on,
    session: { planId: running.plan_id, measureId: running.measure_id, studentId: running.student_id },
    draftPlanId: draft.id,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  url = database.env.DATABASE_URL;
  app = startApp(await freePort(), url, {
    REQUEST_TIMEOUT_MS: '10000',
    DB_POOL_WAIT_MS: '3000',
    DB_POOL_SIZE: '6',
  });
  await waitUntilAppReady(app);
});

afterAll(async () => {
  // A failed run may have left the cluster stopped: start it, so the database can be dropped.
  try {
    startCluster(cluster);
  } catch {
    // already running
  }
  if (app && !app.alive()) console.log(`the app exited:\n${app.output()}`);
  await app?.stop();
  console.log(
    `\nFaults, a database restart under load:\n${Object.entries(figures)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join('\n')}`,
  );
  await database?.drop();
});

describe('a PostgreSQL restart under load', () => {
  it('answers 503 while the database is away, recovers without an app restart, and leaves nothing half-written', async () => {
    const ids = await findIds();
    const today = todayInLatvia();
    // Room for the load's sessions under the student's cap; the school's budget line is set so
    // that the writes reach it (eight 10-minute sessions): past it they must be refused with 409
    // `over_budget`, never overspent, also when a recording was cut off by the restart.
    await sqlRows(url, `update support_caps set amount = 1000000 where category = 'consultation'`);
    await sqlRows(
      url,
      `insert into support_budgets (school_id, semester_id, category, amount) values ($1, $2, 'consultation', 0)
       on conflict (school_id, semester_id, category) do nothing`,
      [ids.schoolId, ids.semesterId],
    );
    const [use] = await sqlRows<{ n: number }>(url, BUDGET_USE, [ids.schoolId, ids.semesterId, today]);
    await sqlRows(
      url,
      `update support_budgets set amount = $3 where school_id = $1 and semester_id = $2 and category = 'consultation'`,
      [ids.schoolId, ids.semesterId, Number(use.n) + 10 * 8],
    );

    const koord = await signIn('koord.s1');
    const teacher = await signIn('skolotajs.s1');
    const plan = await call(koord, app.base, 'GET', `/api/plans/${ids.draftPlanId}`);
    expect(plan.status, plan.text).toBe(200);
    const planBody = planContentBody(plan.json() as { content?: Record<string, unknown> });
    const probe = await call(
      koord,
      app.base,
      'PUT',
      `/api/plans/${ids.draftPlanId}/content`,
      withGoalText(planBody, 'Mērķis'),
    );
    expect(probe.status, probe.text).toBe(200);

    const answers: Answer[] = [];
    const started = performance.now();
    let stop = false;
    let n = 0;
    const latest = addDays(today, 0) > ids.semesterEnd ? ids.semesterEnd : today;
    const loops: Record<string, (i: number) => ReturnType<typeof call>> = {
      'students list': () =>
        call(koord, app.base, 'GET', `/api/students?schoolId=${ids.schoolId}&page=1&pageSize=20`),
      'note write': (i) =>
        call(koord, app.base, 'POST', `/api/students/${ids.studentId}/notes`, {
          date: today,
          type: 'observation',
          visibility: 'specialists',
          text: `Kļūmju pārbaude ${i}`,
        }),
      'notes read': () => call(koord, app.base, 'GET', `/api/students/${ids.studentId}/notes`),
      'session write': (i) => {
        const day = addDays(latest, -(i % 40));
        return call(teacher, app.base, 'POST', '/api/support/sessions', {
          onDate: day < ids.semesterStart ? latest : day,
          startTime: `${String(7 + (Math.floor(i / 40) % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
          minutes: 10,
          mode: 'in_person',
          topic: `Slodze ${i}`,
          participants: [ids.session],
        });
      },
      'sessions read': () =>
        call(teacher, app.base, 'GET', `/api/support/sessions?from=${addDays(latest, -40)}&to=${latest}`),
      'plan edit': (i) =>
        call(
          koord,
          app.base,
          'PUT',
          `/api/plans/${ids.draftPlanId}/content`,
          withGoalText(planBody, `Mērķis ${i}`),
        ),
    };
    const running = Object.entries(loops).map(async ([loop, send]) => {
      while (!stop) {
        const i = n++;
        const res = await send(i);
        answers.push({
          loop,
          status: res.status,
          at: performance.now() - started,
          code: res.code,
          retryAfter: res.retryAfter,
          text: res.status === 500 || res.status === 'network' ? res.text : undefined,
        });
        // A refused request is retried after a short pause, as a client would.
        if (res.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    const ready = async () => (await fetch(`${app.base}/api/health/ready`)).status;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const beforeStop = answers.length;
    const stopAt = performance.now() - started;
    stopCluster(cluster);
    const stoppedAt = performance.now() - started;
    const readyWhileDown = await ready();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    const startAt = performance.now() - started;
    startCluster(cluster);
    const startedAt = performance.now() - started;
    const readyAfter = await waitFor('readiness 200 again', async () => (await ready()) === 200, 60_000, 100);
    // Every loop is answered by the database again (2xx, or 409 once the budget is spent), by the
    // same process: it was never restarted.
    const recoveredIn = await waitFor(
      'every loop to be answered after the restart',
      async () =>
        Object.keys(loops).every((loop) =>
          answers.some(
            (a) =>
              a.loop === loop &&
              a.at > startedAt &&
              typeof a.status === 'number' &&
              (a.status < 300 || a.status === 409),
          ),
        ),
      60_000,
      100,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stop = true;
    await Promise.all(running);

    const count = (pred: (a: Answer) => boolean) => answers.filter(pred).length;
    const unavailable = answers.filter((a) => a.status === 503);
    figures.requests = answers.length;
    figures['requests before the stop'] = beforeStop;
    figures['2xx'] = count((a) => typeof a.status === 'number' && a.status < 300);
    figures['409 (budget reached, duplicates)'] = count((a) => a.status === 409);
    figures['503'] = unavailable.length;
    figures['503 codes'] = [...new Set(unavailable.map((a) => a.code))].join(', ');
    figures['500'] = count((a) => a.status === 500);
    figures['hangs (no answer in 25 s)'] = count((a) => a.status === 'hang');
    figures['network errors'] = count((a) => a.status === 'network');
    figures['pg_ctl stop took (ms)'] = Math.round(stoppedAt - stopAt);
    figures['database down (ms)'] = Math.round(startedAt - stoppedAt);
    figures['pg_ctl start took (ms)'] = Math.round(startedAt - startAt);
    figures['ready again after the start (ms)'] = readyAfter;
    figures['every loop answered (2xx/409) again after the start (ms)'] = recoveredIn;
    const statuses = answers.map((a) => `${a.loop} ${a.status} ${a.code ?? ''}`);

    expect(readyWhileDown).toBe(503);
    expect(app.alive()).toBe(true);
    expect(
      count((a) => a.status === 500),
      answers
        .filter((a) => a.status === 500)
        .map((a) => a.text)
        .join('\n'),
    ).toBe(0);
    expect(count((a) => a.status === 'hang')).toBe(0);
    expect(
      count((a) => a.status === 'network'),
      statuses.join('\n'),
    ).toBe(0);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const a of unavailable) {
      expect(['database_unavailable', 'overloaded', 'request_timeout']).toContain(a.code);
      expect(a.retryAfter).toBe('2');
    }
    for (const a of answers)
      if (typeof a.status === 'number' && a.status >= 400 && a.status !== 503)
        expect([409], `${a.loop}: ${a.status} ${a.code}`).toContain(a.status);

    // Invariants, in SQL.
    const [budget] = await sqlRows<{ amount: number; used: number }>(
      url,
      `select b.amount, (${BUDGET_USE}) as used from support_budgets b
        where b.school_id = $1 and b.semester_id = $2 and b.category = 'consultation'`,
      [ids.schoolId, ids.semesterId, today],
    );
    figures['budget minutes: allocated / used'] = `${budget.amount} / ${budget.used}`;
    expect(Number(budget.used)).toBeLessThanOrEqual(Number(budget.amount));
    expect(await sqlRows(url, 'select 1 from support_budgets where amount < 0')).toEqual([]);
    expect(await sqlRows(url, 'select 1 from economic_payments where amount_cents <= 0')).toEqual([]);
    // Every session has its participants (a session is never half-written) ...
    expect(
      await sqlRows(
        url,
        `select id from support_sessions s where not exists (select 1 from session_participants p where p.session_id = s.id)`,
      ),
    ).toEqual([]);
    // ... and its hours are in exactly one month of the provider's timesheet: the months' totals
    // from the API add up to the sessions' minutes, each session counted once.
    const months = await sqlRows<{ month: string; minutes: number }>(
      url,
      `select to_char(s.on_date, 'YYYY-MM') as month, sum(s.minutes)::int as minutes
         from support_sessions s join users u on u.id = s.provider_id and u.email like 'skolotajs.s1@%'
        group by 1 order by 1`,
    );
    let apiMinutes = 0;
    for (const { month } of months) {
      const sheet = await call(teacher, app.base, 'GET', `/api/timesheets/mine?month=${month}`);
      expect(sheet.status, sheet.text).toBe(200);
      const body = sheet.json() as { confirmedHours: number; unconfirmedHours: number };
      apiMinutes += Math.round((body.confirmedHours + body.unconfirmedHours) * 60);
    }
    const sqlMinutes = months.reduce((sum, m) => sum + Number(m.minutes), 0);
    figures['session minutes: SQL / timesheets'] = `${sqlMinutes} / ${apiMinutes}`;
    expect(apiMinutes).toBe(sqlMinutes);
    // No plan without its versions, and no plan whose version row is missing.
    expect(
      await sqlRows(
        url,
        `select p.id from plans p where p.version > 0
           and not exists (select 1 from plan_versions v where v.plan_id = p.id and v.version = p.version)`,
      ),
    ).toEqual([]);
    // Every note has its revision, and every note written has its audit row.
    expect(
      await sqlRows(
        url,
        `select id from case_notes n where not exists (select 1 from case_note_revisions r where r.note_id = n.id)`,
      ),
    ).toEqual([]);
    const [notes] = await sqlRows<{ notes: number; audited: number }>(
      url,
      `select count(*)::int as notes,
              count(*) filter (where exists (select 1 from audit_events a where a.entity_id = n.id::text
                                             or (a.action like 'note%' and a.entity_id = n.student_id::text and a.at >= n.created_at)))::int as audited
         from case_notes n join case_note_revisions r on r.note_id = n.id and r.revision = 1
        where r.text like 'Kļūmju pārbaude %'`,
    );
    const notesAnswered = count((a) => a.loop === 'note write' && a.status === 201);
    const notes503 = count((a) => a.loop === 'note write' && a.status === 503);
    figures['notes: answered 201 / in the database / 503'] =
      `${notesAnswered} / ${notes.notes} / ${notes503}`;
    // A 503 may come after COMMIT reached the server (the answer was lost, not the write).
    expect(Number(notes.notes)).toBeGreaterThanOrEqual(notesAnswered);
    expect(Number(notes.notes)).toBeLessThanOrEqual(notesAnswered + notes503);
    expect(Number(notes.audited)).toBe(Number(notes.notes));
  });
});

/** The school's consultation minutes that hold its budget ($1 school, $2 semester, $3 today), as the app counts them. */
const BUDGET_USE = `select coalesce(sum(ss.minutes), 0)::int as n from support_sessions ss join semesters sem on sem.id = $2
  where ss.school_id = $1 and ss.on_date between sem.starts_on and sem.ends_on
    and (exists (select 1 from session_participants c where c.session_id = ss.id and c.confirmed_at is not null)
         or (ss.mode = 'remote' and ss.on_date + 1 >= $3::date)
         or (ss.mode <> 'remote' and (ss.created_at at time zone 'Europe/Riga')::date >= $3::date))`;

/** The editable content of a plan as `PUT /plans/:id/content` takes it, from `GET /plans/:id`. */
function planContentBody(plan: { content?: Record<string, unknown> }): PlanContent {
  const content = plan.content as PlanContent | undefined;
  if (!content) throw new Error('the plan has no content');
  return content;
}

interface PlanContent {
  riskIds: string[];
  goals: { id: string; text: string; criterion: string }[];
  measures: unknown[];
  supervisorId: string | null;
}

/** A goal the load edits when the draft has none (a fixed id: the edit replaces its text). */
const LOAD_GOAL_ID = '5eed0000-0000-4000-8000-000000000016';

/** The same content with the first goal's text changed. */
function withGoalText(body: PlanContent, text: string): PlanContent {
  const [first, ...rest] = body.goals;
  const goal = first ? { ...first, text } : { id: LOAD_GOAL_ID, text, criterion: 'Kritērijs' };
  return { ...body, goals: [goal, ...rest] };
}
