import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { findSemesters } from '../server/domains/calendar/index.ts';
import { lastCompletedYearsFinalSemester } from '../server/demo/calendar.ts';
import { type Database, queryRows } from '../server/platform/db.ts';

/** What the demo's labelled past semester holds (issue 15), and the bands a demo load must meet. */

export interface Figures {
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

export async function figures(database: Database): Promise<Figures> {
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

export function expectLabelled(f: Figures): void {
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
