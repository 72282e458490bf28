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
