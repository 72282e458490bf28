import { and, eq, sql } from 'drizzle-orm';
import { timesheetEntries, timesheetSignoffs } from '../../db/schema.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/** The sign-off of a school's month, if any. */
export async function findSignoff(db: Db, schoolId: string, month: string) {
  const rows = await queryRows<{ signed_at: string; by_name: string | null }>(
    db,
    sql`select t.signed_at, u.first_name || ' ' || u.last_name as by_name from timesheet_signoffs t left join users u on u.id = t.signed_by
        where t.school_id = ${schoolId} and t.month = ${month}`,
  );
  return rows[0] ?? null;
}

/** Locks the month for the rest of the transaction, so a sign-off and a new record cannot cross. */
export async function lockMonth(db: Db, schoolId: string, month: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${schoolId}:${month}`}))`);
}

export async function insertSignoff(
  db: Db,
  schoolId: string,
  month: string,
  by: string | null,
): Promise<boolean> {
  const rows = await db
    .insert(timesheetSignoffs)
    .values({ schoolId, month, signedBy: by })
    .onConflictDoNothing()
    .returning({ month: timesheetSignoffs.month });
  return rows.length > 0;
}

export async function insertEntry(db: Db, values: typeof timesheetEntries.$inferInsert): Promise<void> {
  await db.insert(timesheetEntries).values(values);
}

export interface TimesheetRowSql {
  provider_id: string;
  provider_name: string;
  sessions: number;
  confirmed_minutes: number;
  unconfirmed_minutes: number;
  preparation_minutes: number;
  supervision_minutes: number;
  adjustment_minutes: number;
}

/**
 * Hours per provider in a school's month: a session counts once for the provider (a group session is
 * one session) and counts as delivered when at least one of its students confirmed it.
 */
export async function findTimesheetRows(db: Db, schoolId: string, month: string): Promise<TimesheetRowSql[]> {
  return queryRows<TimesheetRowSql>(
    db,
    sql`with s as (
          select ss.provider_id, ss.minutes,
            exists (select 1 from session_participants sp where sp.session_id = ss.id and sp.confirmed_at is not null) as confirmed
          from support_sessions ss where ss.school_id = ${schoolId} and to_char(ss.on_date, 'YYYY-MM') = ${month}),
        e as (select provider_id, kind, sum(minutes) as minutes from timesheet_entries where school_id = ${schoolId} and month = ${month} group by 1, 2),
        providers as (select provider_id from s union select provider_id from e)
        select p.provider_id, u.first_name || ' ' || u.last_name as provider_name,
          (select count(*) from s where s.provider_id = p.provider_id)::int as sessions,
          coalesce((select sum(minutes) from s where s.provider_id = p.provider_id and confirmed), 0)::int as confirmed_minutes,
          coalesce((select sum(minutes) from s where s.provider_id = p.provider_id and not confirmed), 0)::int as unconfirmed_minutes,
          coalesce((select minutes from e where e.provider_id = p.provider_id and kind = 'preparation'), 0)::int as preparation_minutes,
          coalesce((select minutes from e where e.provider_id = p.provider_id and kind = 'supervision'), 0)::int as supervision_minutes,
          coalesce((select minutes from e where e.provider_id = p.provider_id and kind = 'adjustment'), 0)::int as adjustment_minutes
        from providers p join users u on u.id = p.provider_id
        order by u.last_name, u.first_name`,
  );
}

export async function findEntries(db: Db, schoolId: string, month: string) {
  return queryRows<{
    id: string;
    provider_name: string;
    kind: string;
    plan_code: string | null;
    minutes: number;
    reason: string | null;
    created_at: string;
  }>(
    db,
    sql`select e.id, u.first_name || ' ' || u.last_name as provider_name, e.kind, p.code as plan_code, e.minutes, e.reason, e.created_at
        from timesheet_entries e join users u on u.id = e.provider_id left join plans p on p.id = e.plan_id
        where e.school_id = ${schoolId} and e.month = ${month} order by e.created_at`,
  );
}

export async function isMonthSignedOff(db: Db, schoolId: string, month: string): Promise<boolean> {
  const rows = await db
    .select({ m: timesheetSignoffs.month })
    .from(timesheetSignoffs)
    .where(and(eq(timesheetSignoffs.schoolId, schoolId), eq(timesheetSignoffs.month, month)));
  return rows.length > 0;
}

/** The payroll identifiers of the providers (employee number and position; either may be missing). */
export async function findPayrollIds(
  db: Db,
  userIds: string[],
): Promise<Map<string, { employeeId: string | null; position: string | null }>> {
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; employee_id: string | null; position: string | null }>(
    db,
    sql`select id, employee_id, position from users where id in ${sql`(${sql.join(
      userIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`}`,
  );
  return new Map(rows.map((r) => [r.id, { employeeId: r.employee_id, position: r.position }]));
}
