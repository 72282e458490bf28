import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNewPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';
import { DEFAULT_FLAG_SETTINGS, type FlagInputs } from '../ejournal/index.ts';
import { type ValidationRow, validateFlags } from './compute.ts';

/*
 * The flag validation report over HTTP: rows this file writes into an ended semester the demo has no
 * indicators in, at the Ziemeļu schools (and one at Dienvidu), with their school year's outcomes.
 */
let server: TestServer;
let cal: TestCalendar;
const c: Record<string, TestClient> = {};
const ACCOUNTS = [
  'admin',
  'eksperts',
  'koord.ziemelu',
  'koord.dienvidu',
  'auditors',
  'skolotajs.s1',
  'koord.s1',
  'baritiesa.ziemelu',
];
const org: Record<string, string> = {};
let semester: { id: string; school_year: number; ends_on: string };
let emptySemester: { id: string } | undefined;
/** What the test wrote for the Ziemeļu scope, as the pure computation reads it. */
const expectedRows: ValidationRow[] = [];

const q = <T>(text: ReturnType<typeof sql>) => server.database.withTx((db) => queryRows<T>(db, text));
let seq = 0;
const SETTINGS = {
  unjustifiedLessons: 25,
  lowMarks: 1,
  averageDrop: 1,
  behaviourNotes: 3,
  attendanceRate: 0.85,
};

interface Student {
  school: string;
  /** The school the student is at now (default: `school`, where the indicators were computed). */
  now?: string;
  gender: 'female' | 'male' | null;
  grade: number | null;
  x: Partial<FlagInputs>;
  outcome: string | null;
}

async function addStudent(s: Student, inScope: boolean) {
  const id = randomUUID();
  const code = makeNewPersonalCode(88_650_000 + Math.floor(Math.random() * 300_000) * 10 + seq++);
  const x = {
    unjustifiedLessons: 0,
    lowMarks: 0,
    behaviourNotes: 0,
    markAverage: 6,
    previousAverage: 6,
    ...s.x,
  };
  const present = 90;
  await q(sql`insert into students (id, personal_code, first_name, last_name, school_id, class_label, grade, gender)
      values (${id}, ${code}, 'Pārbaude', 'Karogs', ${s.now ?? s.school}, '7.a', ${s.grade}, ${s.gender})`);
  await q(sql`insert into student_indicators (student_id, semester_id, school_id, unjustified_lessons,
        justified_lessons, other_lessons, present_lessons, low_marks, mark_average, previous_average, behaviour_notes)
      values (${id}, ${semester.id}, ${s.school}, ${x.unjustifiedLessons}, 0, 0, ${present}, ${x.lowMarks},
        ${x.markAverage}, ${x.previousAverage}, ${x.behaviourNotes})`);
  if (s.outcome)
    await q(sql`insert into student_outcomes (student_id, school_year, school_id, outcome, reason)
        values (${id}, ${semester.school_year}, ${s.school}, ${s.outcome},
          ${s.outcome === 'left_education' ? 'Pārcēlās uz ārzemēm' : null})`);
  if (inScope)
    expectedRows.push({
      gender: s.gender,
      grade: s.grade,
      failed:
        s.outcome === null ? null : ['repeats_year', 'extended_year', 'left_education'].includes(s.outcome),
      settings: { ...SETTINGS, disabledFlags: DEFAULT_FLAG_SETTINGS.disabledFlags },
      flags: {
        unjustifiedLessons: x.unjustifiedLessons,
        // present ÷ (present + absent), rounded to 3 places as the SQL does.
        attendanceRate: Math.round((present / (present + x.unjustifiedLessons)) * 1000) / 1000,
        lowMarks: x.lowMarks,
        markAverage: x.markAverage,
        previousAverage: x.previousAverage,
        behaviourNotes: x.behaviourNotes,
      },
    });
}

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  for (const a of ACCOUNTS) c[a] = await server.signIn(a);
  const orgs = (await c.admin.get('/api/organisations?limit=200')).json().items as {
    id: string;
    code: string;
    type: string;
    name: string;
  }[];
  for (const o of orgs) org[o.code ?? o.id] = o.id;
  org.nation = orgs.find((o) => o.type === 'nation')?.id as string;
  org.partner = orgs.find((o) => o.type === 'partner')?.id as string;
  // Ended semesters the demo wrote no indicators in, newest first.
  const free = await q<{ id: string; school_year: number; ends_on: string }>(
    sql`select id, school_year, ends_on::text from semesters s where ends_on < ${cal.today}
        and not exists (select 1 from student_indicators i where i.semester_id = s.id) order by starts_on desc`,
  );
  if (free.length < 1) throw new Error('flag validation test: needs an ended semester without indicators');
  semester = free[0] as typeof semester;
  // A semester long ago with nothing in it (the empty answer).
  const old = semester.school_year - 8;
  [emptySemester] = await q<{ id: string }>(
    sql`insert into semesters (school_year, number, starts_on, ends_on)
        values (${old}, 1, ${`${old}-09-01`}, ${`${old}-12-31`}) returning id`,
  );
  // Ziemeļu's own thresholds (the demo's differ from the nation's): unjustified > 25, the rest the defaults.
  const put = await c['koord.ziemelu']?.request('PUT', `/api/organisations/${org.ZIEM}/thresholds`, {
    ...SETTINGS,
    lessonsPerDay: 7,
  });
  if (put?.statusCode !== 200) throw new Error(`thresholds: ${put?.statusCode} ${put?.body}`);
  const [s1, s2, s5] = [org['ZIEM-S1'], org['ZIEM-S2'], org['DIEN-S5']] as string[];
  const add = (s: Student) => addStudent(s, s.school !== s5);
  await add({
    school: s1,
    gender: 'female',
    grade: 8,
    x: { unjustifiedLessons: 30 },
    outcome: 'repeats_year',
  });
  await add({ school: s1, gender: 'female', grade: 8, x: { lowMarks: 2 }, outcome: 'extended_year' });
  await add({ school: s1, gender: 'male', grade: 5, x: { lowMarks: 1 }, outcome: 'left_education' });
  await add({ school: s2, gender: 'male', grade: 5, x: {}, outcome: 'repeats_year' });
  await add({ school: s2, gender: 'female', grade: 11, x: { lowMarks: 1 }, outcome: 'continues' });
  await add({ school: s2, gender: null, grade: null, x: { behaviourNotes: 4 }, outcome: 'graduated' });
  await add({ school: s1, gender: 'male', grade: 11, x: { previousAverage: 7.5 }, outcome: 'continues' });
  await add({ school: s1, gender: 'female', grade: 3, x: {}, outcome: 'continues' });
  await add({ school: s1, gender: 'male', grade: 9, x: { unjustifiedLessons: 40 }, outcome: null });
  // Moved to Dienvidu since: counts at Ziemeļu, where the indicators were computed.
  await add({ school: s1, now: s5, gender: 'male', grade: 9, x: { lowMarks: 3 }, outcome: 'repeats_year' });
  // A Dienvidu student: never in Ziemeļu's figures.
  await add({ school: s5, gender: 'female', grade: 7, x: { lowMarks: 4 }, outcome: 'repeats_year' });
});
afterAll(async () => {
  resetClock();
  await server?.close();
});

const get = (who: string, query: string) =>
  c[who]?.get(`/api/flag-validation?${query}`) as ReturnType<TestClient['get']>;

describe('GET /api/flag-validation', () => {
  it("gives the municipality's figures exactly as the pure computation over the rows written", async () => {
    const res = await get('koord.ziemelu', `org=${org.ZIEM}&semester=${semester.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const yearsSince =
      Number(cal.today.slice(0, 4)) - (Number(cal.today.slice(5, 7)) < 9 ? 1 : 0) - semester.school_year;
    expect(body.figures).toEqual(validateFlags(expectedRows, yearsSince));
    // 10 students at Ziemeļu schools (the moved one included), 9 outcomes known, 5 at risk.
    expect(body.figures).toMatchObject({ students: 10, known: 9, atRisk: 5 });
    expect(body.figures.flagSet).toMatchObject({ tp: 4, fn: 1, fp: 2, tn: 2 });
    expect(body.org).toEqual({ id: org.ZIEM, name: expect.any(String), type: 'municipality' });
    expect(body.semester.id).toBe(semester.id);
    expect(body.semesters.find((s: { id: string }) => s.id === semester.id).knownOutcomes).toBe(9);
    expect(body.figures.flags[0]).toMatchObject({ key: 'unjustified', threshold: 25, enabled: 'on' });
    expect(body.figures.flags[3]).toMatchObject({ key: 'average_drop', enabled: 'off' });
    expect(body.suggestionRule).toBe('max_youden_j_recall_0_5');
    expect(body.canChangeThresholds).toBe(true);
  });

  it("counts the other municipality's student and the moved one's outcome only where their indicators are", async () => {
    const dien = (await get('koord.dienvidu', `org=${org.DIEN}&semester=${semester.id}`)).json();
    expect(dien.figures).toMatchObject({ students: 1, known: 1, atRisk: 1 });
    const nation = (await get('admin', `org=${org.nation}&semester=${semester.id}`)).json();
    expect(nation.figures).toMatchObject({ students: 11, known: 10, atRisk: 6 });
    // The expert (granted on Ziemeļu and a school) sees Ziemeļu, without the thresholds link.
    const expert = (await get('eksperts', `org=${org.ZIEM}&semester=${semester.id}`)).json();
    expect(expert.figures.students).toBe(10);
    expect(expert.canChangeThresholds).toBe(false);
  });

  it('answers 404 for another municipality, a school, a partner and unknown ids; audited as denied', async () => {
    for (const id of [org.DIEN, org['ZIEM-S1'], org.partner, randomUUID(), org.nation]) {
      const res = await get('koord.ziemelu', `org=${id}&semester=${semester.id}`);
      expect(res.statusCode, id).toBe(404);
    }
    expect((await get('admin', `org=${org['ZIEM-S1']}`)).statusCode).toBe(404);
    expect((await get('koord.ziemelu', `org=${org.ZIEM}&semester=${randomUUID()}`)).statusCode).toBe(404);
    // The current semester has not ended: not one the report judges.
    expect((await get('koord.ziemelu', `org=${org.ZIEM}&semester=${cal.current.id}`)).statusCode).toBe(404);
    const res = await get('koord.ziemelu', `org=${org.DIEN}`);
    const audit = await q<{ action: string; outcome: string }>(
      sql`select action, outcome from audit_events where request_id = ${String(res.headers['x-request-id'])}`,
    );
    expect(audit).toEqual([{ action: 'organisation.access', outcome: 'denied' }]);
  });

  it('refuses the auditor, a school coordinator, a teacher and a partner (403)', async () => {
    for (const who of ['auditors', 'koord.s1', 'skolotajs.s1', 'baritiesa.ziemelu']) {
      const res = await get(who, `org=${org.ZIEM}`);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.message).toBeTruthy();
    }
  });

  it("offers the report in /api/me's navigation to its roles only", async () => {
    const can = async (who: string) => (await c[who]?.get('/api/me'))?.json().can.viewFlagValidation;
    for (const who of ['admin', 'eksperts', 'koord.ziemelu']) expect(await can(who), who).toBe(true);
    for (const who of ['auditors', 'koord.s1', 'skolotajs.s1']) expect(await can(who), who).toBe(false);
  });

  it('audits the read as flag_validation.view of the organisation', async () => {
    const res = await get('koord.ziemelu', `org=${org.ZIEM}&semester=${semester.id}`);
    const audit = await q<{ action: string; entity_type: string; entity_id: string }>(
      sql`select action, entity_type, entity_id from audit_events where request_id = ${String(res.headers['x-request-id'])}`,
    );
    expect(audit).toEqual([
      { action: 'flag_validation.view', entity_type: 'organisation', entity_id: org.ZIEM },
    ]);
  });

  it('defaults to the caller’s own municipality and the latest ended semester with known outcomes', async () => {
    const body = (await get('koord.ziemelu', '')).json();
    expect(body.org.id).toBe(org.ZIEM);
    const withOutcomes = body.semesters.filter((s: { knownOutcomes: number }) => s.knownOutcomes > 0);
    expect(body.semester.id).toBe(withOutcomes[0].id);
    expect(body.semesters.every((s: { endsOn: string }) => s.endsOn < cal.today)).toBe(true);
  });

  it('gives empty figures for a semester without known outcomes', async () => {
    const body = (await get('koord.ziemelu', `org=${org.ZIEM}&semester=${emptySemester?.id}`)).json();
    expect(body.figures).toMatchObject({ students: 0, known: 0, atRisk: 0, bestByAccuracy: null });
    expect(body.figures.flags[0].roc).toMatchObject({ points: [], auc: null });
    expect(body.figures.fairness.gender.warning).toBeNull();
  });
});
