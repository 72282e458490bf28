import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** A student's part in a support session: the session, its provider and measure, and the confirmation. */
export interface StudentSessionRow {
  id: string;
  plan_id: string;
  plan_code: string;
  on_date: string;
  start_time: string;
  minutes: number;
  mode: string;
  provider_name: string;
  measure_kind: string;
  consultation_type: string | null;
  subject: string | null;
  confirmed: boolean;
}

/**
 * The sessions a student took part in, newest first, on or before `until` and inside `from`–`to`
 * when given (all days yyyy-mm-dd), at most `limit`: a student with thousands of sessions is read a
 * page at a time.
 */
export async function findStudentSessions(
  db: Db,
  studentId: string,
  window: { from?: string; to?: string; until?: string; limit: number },
): Promise<StudentSessionRow[]> {
  const until = [window.to, window.until].filter(Boolean).sort()[0];
  return queryRows<StudentSessionRow>(
    db,
    sql`select sp.id, sp.plan_id, p.code as plan_code, to_char(s.on_date, 'YYYY-MM-DD') as on_date, s.start_time,
          s.minutes, s.mode, u.first_name || ' ' || u.last_name as provider_name, m.kind as measure_kind,
          m.consultation_type, m.subject, sp.confirmed_at is not null as confirmed
        from session_participants sp
          join support_sessions s on s.id = sp.session_id
          join plans p on p.id = sp.plan_id
          join users u on u.id = s.provider_id
          join plan_measures m on m.plan_id = sp.plan_id and m.id = sp.measure_id
        where sp.student_id = ${studentId}
          ${window.from ? sql`and s.on_date >= ${window.from}::date` : sql``}
          ${until ? sql`and s.on_date <= ${until}::date` : sql``}
        order by s.on_date desc, s.start_time desc, sp.id
        limit ${window.limit}`,
  );
}
