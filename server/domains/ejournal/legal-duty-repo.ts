import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';

/**
 * Unjustified lessons in a semester after which the school must inform the municipality (the legal
 * duty the watch list tracks: the day the running total passes this number is recorded).
 */
export const LEGAL_DUTY_UNJUSTIFIED_LESSONS = 20;

/** A student's unjustified lessons between two days, counted as the indicators count them. */
export async function countUnjustifiedLessons(
  db: Db,
  studentId: string,
  from: string,
  to: string,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(lessons), 0)::int as n from attendance
        where student_id = ${studentId} and reason = 'unjustified' and on_date between ${from}::date and ${to}::date`,
  );
  return Number(row?.n ?? 0);
}

/** How long after a semester ends its unreported legal duties stay a task (then the record is history). */
export const LEGAL_DUTY_TASK_DAYS_AFTER_SEMESTER = 30;

/**
 * Students past the legal-duty line in a semester that is running or ended at most 30 days before
 * `today`, whose municipality was not yet informed, at the schools in `schoolIds` (all schools when
 * null): the school coordinators' task to inform it. The schools are tested on the indicators' own
 * school column too (kept equal to the student's by a trigger of migration 0025), so the partial
 * index `student_indicators_legal_duty_idx` finds the rows — on the national set the query read every
 * student (a parallel scan of 220,000 rows) for one school's start page.
 */
export async function findUnreportedLegalDuties(db: Db, today: string, schoolIds: string[] | null) {
  if (schoolIds && schoolIds.length === 0) return [];
  return queryRows<{
    student_id: string;
    semester_id: string;
    school_id: string;
    unjustified_lessons: number;
    crossed_on: string;
  }>(
    db,
    sql`select i.student_id, i.semester_id, s.school_id, i.unjustified_lessons,
          to_char(i.legal_duty_crossed_on, 'YYYY-MM-DD') as crossed_on
        from student_indicators i join students s on s.id = i.student_id
          join semesters se on se.id = i.semester_id
        where i.legal_duty_crossed_on is not null and s.status = 'enrolled'
          and se.ends_on + ${LEGAL_DUTY_TASK_DAYS_AFTER_SEMESTER}::int >= ${today}::date
          ${schoolIds ? sql`and s.school_id in ${schoolIds} and i.school_id in ${schoolIds}` : sql``}
          and not exists (select 1 from legal_duty_notices n where n.student_id = i.student_id and n.semester_id = i.semester_id)`,
  );
}
