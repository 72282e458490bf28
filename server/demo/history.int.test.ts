import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testTarget } from '../../test/database.ts';
import { findSemesters } from '../domains/calendar/index.ts';
import { findLabelledRows } from '../domains/risk-score/index.ts';
import { resetClock, setClock, today } from '../platform/clock.ts';
import { type Database, openPglite, queryRows } from '../platform/db.ts';
import { demoCalendar, lastCompletedYearsFinalSemester } from './calendar.ts';
import { failChance } from './outcomes.ts';

/*
 * Issue 15: the demo carries a labelled past semester in every month — the last completed school
 * year's final semester has indicators for every demo student and an outcome for each of them
 * (school 1's programme students excepted where the outcomes page's demo leaves one to record), with
 * about 10–20 % of them not having passed the year, most of those flagged.
 */

interface Figures {
  labelledYear: number;
  students: number;
  withIndicators: number;
  withOutcome: number;
  /** Students without an outcome who are no programme students of that year. */
  missingNonProgramme: number;
  atRisk: number;
  atRiskFlagged: number;
  flagged: number;
  earlierRepeats: number;
}

async function figures(database: Database): Promise<Figures> {
  const semesters = await database.read((db) => findSemesters(db)); // newest first
  const current = semesters.find((s) => s.current) ?? semesters[0];
  const labelled = lastCompletedYearsFinalSemester(semesters, current);
  const [row] = await database.read((db) =>
    queryRows<Omit<Figures, 'labelledYear'>>(
      db,
      sql`with lab as (
            select i.student_id, i.low_marks > 0 or i.unjustified_lessons > 20 as flagged, o.outcome
              from student_indicators i
              left join student_outcomes o on o.student_id = i.student_id and o.school_year = ${labelled.schoolYear}
             where i.semester_id = ${labelled.id}),
          prog as (select distinct p.student_id from plans p join semesters se on se.id = p.semester_id
                    where se.school_year = ${labelled.schoolYear} and p.status <> 'deleted' and p.version > 0)
          select (select count(*)::int from students) as students,
                 (select count(*)::int from lab) as "withIndicators",
                 (select count(*)::int from lab where outcome is not null) as "withOutcome",
                 (select count(*)::int from students s where not exists (
                    select 1 from student_outcomes o where o.student_id = s.id and o.school_year = ${labelled.schoolYear})
                    and s.id not in (select student_id from prog)) as "missingNonProgramme",
                 (select count(*)::int from lab where outcome in ('repeats_year', 'extended_year', 'left_education')) as "atRisk",
                 (select count(*)::int from lab where flagged and outcome in ('repeats_year', 'extended_year', 'left_education')) as "atRiskFlagged",
                 (select count(*)::int from lab where flagged) as flagged,
                 (select count(*)::int from student_outcomes where school_year = ${labelled.schoolYear - 1} and outcome = 'repeats_year') as "earlierRepeats"`,
    ),
  );
  return { labelledYear: labelled.schoolYear, ...row };
}

function expectLabelled(f: Figures): void {
  expect(f.withIndicators).toBe(f.students);
  expect(f.missingNonProgramme).toBe(0);
  // School 1's programme students of the year are seedOutcomes'; it leaves every eighth unrecorded.
  expect(f.withOutcome).toBeGreaterThan(f.students * 0.99);
  const share = f.atRisk / f.withOutcome;
  expect(share).toBeGreaterThan(0.08);
  expect(share).toBeLessThan(0.22);
  // Like real data: most who failed were flagged, and most flagged failed.
  expect(f.atRiskFlagged / f.atRisk).toBeGreaterThan(0.5);
  expect(f.atRiskFlagged / f.flagged).toBeGreaterThan(0.5);
  expect(f.earlierRepeats).toBeGreaterThan(10);
  expect(f.earlierRepeats).toBeLessThan(f.students * 0.1);
}

describe('the demo’s labelled history (issue 15)', () => {
  let own: TestDatabase | null = null;
  afterAll(async () => {
    await own?.drop();
  });

  it('picks the final semester of the school year before the current one', async () => {
    own = await createTestDatabase();
    const year = Number(today().slice(0, 4));
    for (const [on, expected] of [
      [`${year}-10-15`, { schoolYear: year - 1, startsOn: `${year}-01-01` }],
      [`${year + 1}-03-15`, { schoolYear: year - 1, startsOn: `${year}-01-01` }],
      [`${year + 1}-07-15`, { schoolYear: year - 1, startsOn: `${year}-01-01` }],
      [`${year + 1}-09-01`, { schoolYear: year, startsOn: `${year + 1}-01-01` }],
    ] as const) {
      const cal = await (own as TestDatabase).database.withTx((tx) => demoCalendar(tx, on));
      expect({ on, schoolYear: cal.labelled.schoolYear, startsOn: cal.labelled.startsOn }).toEqual({
        on,
        ...expected,
      });
      expect(cal.labelled.startsOn < cal.current.startsOn).toBe(true);
    }
  });

  it('has indicators and an outcome for every demo student in that semester, 10–20 % not passed, today', async () => {
    const f = await figures((own as TestDatabase).database);
    expectLabelled(f);
  });

  it('is what the risk score and the validation read: labelled rows for every student', async () => {
    const database = (own as TestDatabase).database;
    const semesters = await database.read((db) => findSemesters(db));
    const current = semesters.find((s) => s.current) ?? semesters[0];
    const labelled = lastCompletedYearsFinalSemester(semesters, current);
    const rows = await database.read((db) => findLabelledRows(db, labelled, ['/']));
    const known = rows.filter((r) => r.failed !== null);
    expect(known.length).toBeGreaterThan(rows.length * 0.99);
    expect(known.some((r) => r.failed)).toBe(true);
    expect(rows.some((r) => (r.risk.yearsNotPassed ?? 0) > 0)).toBe(true);
  });

  it('draws failing from the indicators', () => {
    const none = { low_marks: 0, unjustified_lessons: 2, mark_average: 7, behaviour_notes: 0 };
    expect(failChance(none)).toBeLessThan(0.1);
    expect(failChance({ ...none, low_marks: 2 })).toBeGreaterThan(0.5);
    expect(failChance({ ...none, unjustified_lessons: 30 })).toBeGreaterThan(0.5);
    expect(failChance({ ...none, low_marks: 6, unjustified_lessons: 40, mark_average: 3 })).toBeLessThan(1);
  });

  // A fresh demo with the clock in a spring, a summer and an autumn month: the labelled semester is
  // then the one before the previous (spring, summer) or the previous one (autumn).
  // (On PGlite only: the loads are the same on PostgreSQL, and each takes most of a minute.)
  it.runIf(testTarget() === 'pglite').each(['03-10', '07-20', '10-05'])(
    'has the labelled semester when loaded on MM-DD = %s of next year',
    async (monthDay) => {
      const { loadDemoIfEmpty } = await import('./seed.ts');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-demo-history-'));
      const on = `${Number(today().slice(0, 4)) + 1}-${monthDay}`;
      setClock(`${on}T09:00:00Z`);
      const database = await openPglite(dir);
      try {
        expect(await loadDemoIfEmpty(database)).toBe(true);
        const f = await figures(database);
        expect(f.labelledYear).toBe(Number(on.slice(0, 4)) - (monthDay >= '09' ? 1 : 2));
        expectLabelled(f);
      } finally {
        await database.close();
        resetClock();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );
});
