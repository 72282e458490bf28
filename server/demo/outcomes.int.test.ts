import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationIdsByCode } from '../../test/factories.ts';
import { createTestServer, type TestServer } from '../../test/server.ts';
import { findSemesters } from '../domains/calendar/index.ts';
import { findProgrammeStudents } from '../domains/outcomes/index.ts';
import { queryRows } from '../platform/db.ts';
import type { DemoCalendar } from './calendar.ts';
import { seedOutcomes } from './outcomes.ts';

let server: TestServer;
let s1: string;
beforeAll(async () => {
  server = await createTestServer();
  s1 = (await organisationIdsByCode(await server.signIn('admin')))['ZIEM-S1'];
});
afterAll(() => server.close());

const outcomesOf = (year: number) =>
  server.database.read((tx) =>
    queryRows<{ student_id: string; outcome: string; reason: string | null }>(
      tx,
      sql`select student_id, outcome, reason from student_outcomes where school_id = ${s1} and school_year = ${year}`,
    ),
  );

describe('the demo’s year-end outcomes', () => {
  it('has outcomes for most of school 1’s programme students of the previous semester’s year once that year is over, none for a year still running', async () => {
    const semesters = await server.database.read((tx) => findSemesters(tx)); // newest first
    const i = semesters.findIndex((s) => s.current);
    const [current, previous] = [semesters[i], semesters[i + 1]];
    const listed = await server.database.read((tx) => findProgrammeStudents(tx, s1, previous.schoolYear));
    // The school's other students of that year have outcomes too (issue 15's labelled history).
    const programme = new Set(listed.map((r) => r.student_id));
    const stored = (await outcomesOf(previous.schoolYear)).filter((o) => programme.has(o.student_id));
    if (previous.schoolYear < current.schoolYear) {
      expect(listed.length).toBeGreaterThan(0);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.length).toBeLessThan(listed.length);
      for (const o of stored) if (o.outcome === 'left_education') expect(o.reason).toBeTruthy();
    } else expect(stored).toEqual([]);
  });

  it('seeds a finished year and leaves a running one alone, whatever the month (seeding on each pair of semesters)', async () => {
    const semesters = await server.database.read((tx) => findSemesters(tx));
    const users = new Map<string, string>();
    for (let k = 0; k + 1 < semesters.length; k++) {
      const [current, previous] = [semesters[k], semesters[k + 1]];
      const cal = { current, previous } as unknown as DemoCalendar;
      const seeded = await server.database.withTx((tx) => seedOutcomes(tx, s1, users, cal));
      if (previous.schoolYear === current.schoolYear) expect(seeded).toBe(0);
      else {
        const listed = await server.database.read((tx) => findProgrammeStudents(tx, s1, previous.schoolYear));
        expect(seeded).toBe(listed.filter((_s, n) => n % 8 !== 2).length);
      }
    }
  });
});
