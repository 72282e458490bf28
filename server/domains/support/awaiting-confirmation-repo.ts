import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/**
 * Sessions with students who have not confirmed yet whose confirmation window closes today or
 * tomorrow (remote: the day after the session; in person: the Latvian day it was recorded — the
 * rules of confirmation.ts), of one provider (all providers when null): the provider's task to
 * remind them. With the first unconfirmed participant's student and plan when there is only one.
 */
export async function findSessionsAwaitingConfirmation(db: Db, today: string, providerId: string | null) {
  return queryRows<{
    id: string;
    provider_id: string;
    school_id: string;
    on_date: string;
    expires_on: string;
    unconfirmed: number;
    student_id: string | null;
    plan_id: string | null;
  }>(
    db,
    sql`select ss.id, ss.provider_id, ss.school_id, to_char(ss.on_date, 'YYYY-MM-DD') as on_date,
          to_char(case when ss.mode = 'remote' then ss.on_date + 1 else (ss.created_at at time zone 'Europe/Riga')::date end,
            'YYYY-MM-DD') as expires_on,
          count(*)::int as unconfirmed,
          case when count(*) = 1 then (array_agg(sp.student_id))[1] end as student_id,
          case when count(*) = 1 then (array_agg(sp.plan_id))[1] end as plan_id
        from support_sessions ss join session_participants sp on sp.session_id = ss.id and sp.confirmed_at is null
        where ${providerId ? sql`ss.provider_id = ${providerId} and` : sql``}
          ((ss.mode = 'remote' and ss.on_date between ${today}::date - 1 and ${today}::date)
            or (ss.mode <> 'remote' and (ss.created_at at time zone 'Europe/Riga')::date = ${today}::date))
        group by ss.id`,
  );
}
