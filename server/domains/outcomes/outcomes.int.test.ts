import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TOutcomeList, TOutcomeRow } from '../../../common/api/outcomes.ts';
import { buildOutcomeFixture, type OutcomeFixture } from '../../../test/outcomes-fixture.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { queryRows } from '../../platform/db.ts';

let server: TestServer;
let fx: OutcomeFixture;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  server = await createTestServer();
  fx = await buildOutcomeFixture(server);
  for (const who of [
    'koord.s1',
    'koord.s2',
    'direktors.s1',
    'skolotajs.s1',
    'koord.ziemelu',
    'koord.dienvidu',
    'eksperts',
    'auditors',
  ])
    c[who] = await server.signIn(who);
}, 120_000);
afterAll(() => server.close());

const list = (who: string, schoolId: string, year?: number) =>
  c[who].get(`/api/outcomes?schoolId=${schoolId}${year === undefined ? '' : `&schoolYear=${year}`}`);
const put = (who: string, studentId: string, body: Record<string, unknown>) =>
  c[who].request('PUT', `/api/outcomes/${studentId}`, body);
const rowOf = (l: TOutcomeList, studentId: string) => l.items.find((r) => r.studentId === studentId);

async function storedOutcome(studentId: string) {
  const [row] = await server.database.read((tx) =>
    queryRows<{ outcome: string; school_id: string; source: string; reason: string | null }>(
      tx,
      sql`select outcome, school_id, source, reason from student_outcomes
           where student_id = ${studentId} and school_year = ${fx.year}`,
    ),
  );
  return row ?? null;
}

describe("a school's programme students of a school year", () => {
  it('lists students with a submitted plan at the school, including one who moved away, and not a never-submitted draft or a deleted plan', async () => {
    const res = await list('koord.s1', fx.schools.s1, fx.year);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as TOutcomeList;
    const ids = body.items.map((r) => r.studentId);
    const { alpha, bravo, charlie, delta, echo, foxtrot } = fx.students;
    expect(ids).toEqual(expect.arrayContaining([alpha.id, charlie.id, foxtrot.id]));
    for (const absent of [bravo, delta, echo]) expect(ids).not.toContain(absent.id);
    expect(rowOf(body, charlie.id)?.movedAway).toBe(true);
    expect(rowOf(body, alpha.id)).toMatchObject({ movedAway: false, classLabel: '7.a', outcome: null });
    expect(rowOf(body, alpha.id)?.planCodes).toHaveLength(1);
    expect(body.total).toBe(body.items.length);
    expect(body.can.record).toBe(true);
    expect(body.schoolYears).toContain(fx.year);
  });

  it('gives the before/after of the hand-built indicators: the semester before the first plan vs the latest with indicators', async () => {
    const body = (await list('koord.s1', fx.schools.s1, fx.year)).json() as TOutcomeList;
    const alpha = rowOf(body, fx.students.alpha.id) as TOutcomeRow;
    expect(alpha.unjustifiedLessons).toEqual({ before: 12, after: 3 });
    expect(alpha.markAverage).toEqual({ before: 5.5, after: 6.25 });
    const foxtrot = rowOf(body, fx.students.foxtrot.id) as TOutcomeRow;
    expect(foxtrot.unjustifiedLessons).toEqual({ before: null, after: null });
    expect(foxtrot.markAverage).toEqual({ before: null, after: null });
  });

  it('defaults to the school year that ended most recently or is ending (calendar year − 1) and audits the read', async () => {
    const res = await list('koord.s1', fx.schools.s1);
    expect(res.statusCode).toBe(200);
    const { today } = await import('../../platform/clock.ts');
    expect(res.json().schoolYear).toBe(Number(today().slice(0, 4)) - 1);
    const audited = await server.database.read((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where action = 'outcome.list' and entity_id = ${fx.schools.s1}`,
      ),
    );
    expect(audited[0].n).toBeGreaterThan(0);
  });

  it('does not list a student who moved away at the new school for that year', async () => {
    const res = await list('koord.s2', fx.schools.s2, fx.year);
    expect(res.statusCode).toBe(200);
    expect((res.json() as TOutcomeList).items.map((r) => r.studentId)).not.toContain(fx.students.charlie.id);
  });

  it("answers 404 for another school's or municipality's school id, 403 for a member without the right", async () => {
    expect((await list('koord.s2', fx.schools.s1, fx.year)).statusCode).toBe(404);
    expect((await list('koord.dienvidu', fx.schools.s1, fx.year)).statusCode).toBe(404);
    expect((await list('koord.ziemelu', fx.schools.s5, fx.year)).statusCode).toBe(404);
    expect((await list('koord.s1', '00000000-0000-4000-8000-000000000000', fx.year)).statusCode).toBe(404);
    expect((await list('skolotajs.s1', fx.schools.s1, fx.year)).statusCode).toBe(403);
    expect((await list('auditors', fx.schools.s1, fx.year)).statusCode).toBe(403);
    const expert = await list('eksperts', fx.schools.s1, fx.year);
    expect(expert.statusCode).toBe(200);
    expect(expert.json().can.record).toBe(false);
    expect((await list('koord.ziemelu', fx.schools.s1, fx.year)).json().can.record).toBe(true);
  });

  it.each(['0', '0000', '9999', '1999', '2101', 'x', '2025.5'])(
    'refuses school year %s with a 400',
    async (y) => {
      const res = await c['koord.s1'].get(`/api/outcomes?schoolId=${fx.schools.s1}&schoolYear=${y}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBeTruthy();
    },
  );
});

describe('recording one outcome', () => {
  it('records, changes and clears an outcome; a double click stores one', async () => {
    const id = fx.students.alpha.id;
    const body = { schoolYear: fx.year, outcome: 'continues' };
    const both = await Promise.all([put('koord.s1', id, body), put('koord.s1', id, body)]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both[0].json()).toMatchObject({ studentId: id, outcome: 'continues', source: 'entered' });
    expect(await storedOutcome(id)).toMatchObject({ outcome: 'continues', school_id: fx.schools.s1 });
    const left = await put('koord.s1', id, {
      ...body,
      outcome: 'left_education',
      reason: 'Aizbrauca uz ārzemēm',
    });
    expect(left.json()).toMatchObject({ outcome: 'left_education', reason: 'Aizbrauca uz ārzemēm' });
    const cleared = await c['koord.s1'].delete(`/api/outcomes/${id}?schoolYear=${fx.year}`);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().outcome).toBeNull();
    expect(await storedOutcome(id)).toBeNull();
    expect((await c['koord.s1'].delete(`/api/outcomes/${id}?schoolYear=${fx.year}`)).statusCode).toBe(200);
    const audited = await server.database.read((tx) =>
      queryRows<{ action: string }>(
        tx,
        sql`select action from audit_events where entity_id = ${id} and action like 'outcome.%'`,
      ),
    );
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['outcome.record', 'outcome.clear']));
  });

  it("keeps a moved student's outcome with the old school", async () => {
    const id = fx.students.charlie.id;
    const res = await put('koord.s1', id, { schoolYear: fx.year, outcome: 'moved_school' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await storedOutcome(id)).toMatchObject({ outcome: 'moved_school', school_id: fx.schools.s1 });
    // The new school may not record (nor see) it: the student was not its programme student that year.
    expect((await put('koord.s2', id, { schoolYear: fx.year, outcome: 'continues' })).statusCode).toBe(404);
    expect(await storedOutcome(id)).toMatchObject({ outcome: 'moved_school' });
  });

  it("answers 404 for another school's or municipality's student, a non-listed student or year, and 403 without the right", async () => {
    const body = { schoolYear: fx.year, outcome: 'continues' };
    expect((await put('koord.s1', fx.students.delta.id, body)).statusCode).toBe(404);
    expect((await put('koord.ziemelu', fx.students.delta.id, body)).statusCode).toBe(404);
    expect((await put('koord.s2', fx.students.alpha.id, body)).statusCode).toBe(404);
    expect((await put('koord.dienvidu', fx.students.alpha.id, body)).statusCode).toBe(404);
    expect((await put('koord.s1', fx.students.bravo.id, body)).statusCode).toBe(404);
    expect((await put('koord.s1', fx.students.echo.id, body)).statusCode).toBe(404);
    expect(
      (await put('koord.s1', fx.students.alpha.id, { ...body, schoolYear: fx.year - 5 })).statusCode,
    ).toBe(404);
    expect(
      (await c['koord.s1'].delete(`/api/outcomes/${fx.students.delta.id}?schoolYear=${fx.year}`)).statusCode,
    ).toBe(404);
    expect((await put('skolotajs.s1', fx.students.alpha.id, body)).statusCode).toBe(403);
    expect((await put('eksperts', fx.students.alpha.id, body)).statusCode).toBe(403);
    expect((await put('direktors.s1', fx.students.foxtrot.id, body)).statusCode).toBe(200);
    expect((await put('koord.ziemelu', fx.students.foxtrot.id, body)).statusCode).toBe(200);
    expect(await storedOutcome(fx.students.delta.id)).toBeNull();
  });

  it.each([
    ['no reason for left education', { outcome: 'left_education' }],
    ['an empty reason for left education', { outcome: 'left_education', reason: '   ' }],
    ['a NUL in the reason', { outcome: 'left_education', reason: 'a\u0000b' }],
    ['a 1 MB reason', { outcome: 'left_education', reason: 'x'.repeat(1024 * 1024) }],
    ['a reason over 500 characters', { outcome: 'left_education', reason: 'x'.repeat(501) }],
    ['an unknown outcome', { outcome: 'dropped' }],
    ['school year 0000', { outcome: 'continues', schoolYear: 0 }],
    ['school year 9999', { outcome: 'continues', schoolYear: 9999 }],
    ['a school year as text', { outcome: 'continues', schoolYear: '2025' }],
  ])('refuses %s with a clean 4xx and stores nothing', async (_what, patch) => {
    const id = fx.students.foxtrot.id;
    const before = await storedOutcome(id);
    const res = await put('koord.s1', id, { schoolYear: fx.year, ...patch });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.message).toBeTruthy();
    expect(await storedOutcome(id)).toEqual(before);
  });

  it('refuses a malformed student id or school year in the path and query with a 400', async () => {
    expect(
      (await put('koord.s1', 'not-a-uuid', { schoolYear: fx.year, outcome: 'continues' })).statusCode,
    ).toBe(400);
    expect(
      (await c['koord.s1'].delete(`/api/outcomes/${fx.students.alpha.id}?schoolYear=9999`)).statusCode,
    ).toBe(400);
  });
});
