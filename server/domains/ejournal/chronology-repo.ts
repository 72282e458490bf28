import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** A semester in which a student passed the legal-duty line, and when the municipality was informed. */
export interface LegalDutyHistoryRow {
  semester_id: string;
  school_year: number;
  number: number;
  crossed_on: string | null;
  informed_on: string | null;
  informed_by_name: string | null;
}

/**
 * The semesters in which the student's unjustified lessons passed the legal-duty line (the day kept
 * by the indicators) and the school's notice to the municipality, if recorded. The other flags are
 * recomputed from the current indicators and keep no day they arose, so they have no history here.
 */
export async function findLegalDutyHistory(db: Db, studentId: string): Promise<LegalDutyHistoryRow[]> {
  return queryRows<LegalDutyHistoryRow>(
    db,
    sql`with x as (
          select semester_id from student_indicators where student_id = ${studentId} and legal_duty_crossed_on is not null
          union select semester_id from legal_duty_notices where student_id = ${studentId})
        select x.semester_id, s.school_year, s.number, to_char(i.legal_duty_crossed_on, 'YYYY-MM-DD') as crossed_on,
          to_char(n.informed_on, 'YYYY-MM-DD') as informed_on, u.first_name || ' ' || u.last_name as informed_by_name
        from x
          join semesters s on s.id = x.semester_id
          left join student_indicators i on i.student_id = ${studentId} and i.semester_id = x.semester_id
          left join legal_duty_notices n on n.student_id = ${studentId} and n.semester_id = x.semester_id
          left join users u on u.id = n.informed_by
        order by s.starts_on desc`,
  );
}
