import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** One measure's month for the provider: sessions given, minutes confirmed and not (yet) confirmed. */
export interface MyMeasureRowSql {
  plan_id: string;
  plan_code: string;
  measure_id: string;
  consultation_type: string | null;
  subject: string | null;
  student_name: string;
  sessions: number;
  confirmed_minutes: number;
  unconfirmed_minutes: number;
}

/** A session of the provider with at least one student who has not confirmed it. */
export interface MyUnconfirmedSql {
  id: string;
  on_date: string;
  start_time: string;
  minutes: number;
  mode: string;
  created_at: string;
  students: string[] | string;
}

/**
 * The provider's month per plan measure, in ONE statement: each participant row is a student's share
 * of a session, counted on the measure it was recorded against (only the provider's own sessions).
 */
export async function findMyMeasureRows(
  db: Db,
  providerId: string,
  month: string,
): Promise<MyMeasureRowSql[]> {
  return queryRows<MyMeasureRowSql>(
    db,
    sql`select sp.plan_id, p.code as plan_code, sp.measure_id, pm.consultation_type, pm.subject,
          s.first_name || ' ' || s.last_name as student_name,
          count(*)::int as sessions,
          coalesce(sum(ss.minutes) filter (where sp.confirmed_at is not null), 0)::int as confirmed_minutes,
          coalesce(sum(ss.minutes) filter (where sp.confirmed_at is null), 0)::int as unconfirmed_minutes
        from support_sessions ss join session_participants sp on sp.session_id = ss.id
          join plans p on p.id = sp.plan_id join students s on s.id = sp.student_id
          left join plan_measures pm on pm.plan_id = sp.plan_id and pm.id = sp.measure_id
        where ss.provider_id = ${providerId} and to_char(ss.on_date, 'YYYY-MM') = ${month}
        group by sp.plan_id, p.code, sp.measure_id, pm.consultation_type, pm.subject, s.first_name, s.last_name
        order by p.code, pm.subject nulls last`,
  );
}

/**
 * The provider's sessions whose confirmation may still be open — remote ones held on or after
 * `remoteSince`, in-person ones recorded after `recordedSince` — with at least one student who has not
 * confirmed, and those students' names (the caller applies the exact rule of confirmation.ts).
 */
export async function findMyUnconfirmed(
  db: Db,
  providerId: string,
  remoteSince: string,
  recordedSince: Date,
): Promise<MyUnconfirmedSql[]> {
  return queryRows<MyUnconfirmedSql>(
    db,
    sql`select ss.id, ss.on_date::text as on_date, ss.start_time, ss.minutes, ss.mode, ss.created_at,
          json_agg(s.first_name || ' ' || s.last_name order by s.last_name, s.first_name) as students
        from support_sessions ss join session_participants sp on sp.session_id = ss.id and sp.confirmed_at is null
          join students s on s.id = sp.student_id
        where ss.provider_id = ${providerId}
          and ((ss.mode = 'remote' and ss.on_date >= ${remoteSince}::date)
            or (ss.mode <> 'remote' and ss.created_at >= ${recordedSince.toISOString()}::timestamptz))
        group by ss.id order by ss.on_date, ss.start_time`,
  );
}

/** The provider's own timesheet entries of the month (preparation, supervision, adjustments). */
export async function findMyEntries(db: Db, providerId: string, month: string) {
  return queryRows<{
    id: string;
    kind: string;
    plan_code: string | null;
    minutes: number;
    reason: string | null;
    created_at: string;
  }>(
    db,
    sql`select e.id, e.kind, p.code as plan_code, e.minutes, e.reason, e.created_at
        from timesheet_entries e left join plans p on p.id = e.plan_id
        where e.provider_id = ${providerId} and e.month = ${month} order by e.created_at`,
  );
}
