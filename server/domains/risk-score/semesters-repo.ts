import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** A semester the refit can learn from. */
export interface FitSemester {
  id: string;
  schoolYear: number;
  number: number;
  startsOn: string;
  endsOn: string;
}

/**
 * The semesters the score may be fitted on (issue 15): ended before `today` (a Latvian date from the
 * clock), in a school year for which some outcome is recorded. Oldest first.
 */
export async function findFitSemesters(db: Db, today: string): Promise<FitSemester[]> {
  const rows = await queryRows<{
    id: string;
    school_year: number;
    number: number;
    starts_on: string;
    ends_on: string;
  }>(
    db,
    sql`select s.id, s.school_year, s.number, s.starts_on::text as starts_on, s.ends_on::text as ends_on
      from semesters s
      where s.ends_on < ${today}::date
        and exists (select 1 from student_outcomes so where so.school_year = s.school_year)
      order by s.starts_on`,
  );
  return rows.map((r) => ({
    id: r.id,
    schoolYear: Number(r.school_year),
    number: Number(r.number),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  }));
}
