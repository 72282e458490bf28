import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** A student's risk record as the chronology shows it: when recorded (and removed), in which semester. */
export interface RiskHistoryRow {
  id: string;
  risk_type: string;
  sensitive: boolean;
  code: string;
  name_lv: string;
  name_en: string;
  justification: string;
  found_on: string;
  created_at: string | Date;
  removed_at: string | Date | null;
  school_year: number;
  number: number;
  found_by_name: string | null;
  removed_by_name: string | null;
}

/** Every risk record of a student (removed ones too), newest first; at most 2000. */
export async function findRiskHistory(db: Db, studentId: string): Promise<RiskHistoryRow[]> {
  return queryRows<RiskHistoryRow>(
    db,
    sql`select r.id, i.risk_type, i.sensitive, i.code, v.name_lv, v.name_en, r.justification,
          to_char(r.found_on, 'YYYY-MM-DD') as found_on, r.created_at, r.removed_at, s.school_year, s.number,
          f.first_name || ' ' || f.last_name as found_by_name, d.first_name || ' ' || d.last_name as removed_by_name
        from student_risks r
          join risk_item_versions v on v.id = r.risk_version_id
          join risk_items i on i.id = v.item_id
          join semesters s on s.id = r.semester_id
          left join users f on f.id = r.found_by
          left join users d on d.id = r.removed_by
        where r.student_id = ${studentId}
        order by r.created_at desc, r.id
        limit 2000`,
  );
}
