import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

/**
 * Audit rows of the last `days` in scope (and with no organisation when `includeUnscoped`): all,
 * denied, sign-ins. Audit rows are stamped by the database when written (README: "Time": columns that
 * only record when a row was written keep the database default), so the window is measured on the
 * same clock; with the system clock moved (PUMPURS_NOW) the counts still cover the rows just written.
 */
export async function countAuditEventsSince(db: Db, scope: string[], includeUnscoped: boolean, days: number) {
  const inScope = pathInScope(sql`o.path`, scope);
  const [row] = await queryRows<{ events: number; denied: number; sign_ins: number }>(
    db,
    sql`select count(*)::int as events, count(*) filter (where e.outcome = 'denied')::int as denied,
          count(*) filter (where e.action = 'auth.login' and e.outcome = 'ok')::int as sign_ins
        from audit_events e left join organisations o on o.id = e.org_id
        where e.at >= now() - make_interval(days => ${days}) and (${includeUnscoped ? sql`e.org_id is null or ` : sql``}${inScope})`,
  );
  return {
    events: Number(row?.events ?? 0),
    denied: Number(row?.denied ?? 0),
    signIns: Number(row?.sign_ins ?? 0),
  };
}
