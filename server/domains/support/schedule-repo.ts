import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { calendarFeeds, plannedSessions } from '../../db/schema.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';

export async function insertPlanned(
  db: Db,
  rows: (typeof plannedSessions.$inferInsert)[],
): Promise<string[]> {
  const out = await db.insert(plannedSessions).values(rows).returning({ id: plannedSessions.id });
  return out.map((r) => r.id);
}

/** Which of the provider's slots (instants) already hold a planned or recorded session. */
export async function findTakenSlots(db: Db, providerId: string, starts: Date[]): Promise<string[]> {
  if (starts.length === 0) return [];
  const rows = await queryRows<{ starts_at: string | Date }>(
    db,
    sql`select starts_at from planned_sessions where provider_id = ${providerId} and status <> 'cancelled'
        and starts_at in ${starts.map((d) => d.toISOString())}`,
  );
  return rows.map((r) => new Date(r.starts_at).toISOString());
}

/** A planned session as lists, the gate and the feed need it. */
export interface PlannedRow {
  id: string;
  school_id: string;
  school_path: string;
  plan_id: string;
  plan_code: string;
  plan_status: string;
  measure_id: string;
  consultation_type: string | null;
  subject: string | null;
  provider_ids: string[];
  student_id: string;
  first_name: string;
  last_name: string;
  provider_id: string;
  provider_name: string;
  starts_at: string | Date;
  minutes: number;
  mode: string;
  room: string | null;
  series_id: string | null;
  status: string;
  cancel_reason: string | null;
  session_id: string | null;
}

function selectPlanned(where: SQL, lock = false) {
  return sql`select ps.id, ps.school_id, o.path as school_path, ps.plan_id, p.code as plan_code, p.status as plan_status,
      ps.measure_id, m.consultation_type, m.subject,
      coalesce((select array_agg(pr.user_id::text) from plan_measure_providers pr
        where pr.plan_id = ps.plan_id and pr.measure_id = ps.measure_id), '{}') as provider_ids,
      s.id as student_id, s.first_name, s.last_name, ps.provider_id, u.first_name || ' ' || u.last_name as provider_name,
      ps.starts_at, ps.minutes, ps.mode, ps.room, ps.series_id, ps.status, ps.cancel_reason, ps.session_id
    from planned_sessions ps
      join plans p on p.id = ps.plan_id join students s on s.id = p.student_id
      join plan_measures m on m.plan_id = ps.plan_id and m.id = ps.measure_id
      join organisations o on o.id = ps.school_id join users u on u.id = ps.provider_id
    where ${where} order by ps.starts_at, ps.id${lock ? sql` for update of ps` : sql``}`;
}

/** One planned session (locked until the transaction ends when `lock`). */
export async function findPlanned(db: Db, id: string, lock = false): Promise<PlannedRow | null> {
  const rows = await queryRows<PlannedRow>(db, selectPlanned(sql`ps.id = ${id}`, lock));
  return rows[0] ?? null;
}

/**
 * Planned sessions between two instants: the provider's own, and those of schools under the
 * given scope paths (a coordinator's school).
 */
export async function findPlannedBetween(
  db: Db,
  providerId: string,
  scope: string[],
  from: Date,
  to: Date,
): Promise<PlannedRow[]> {
  return queryRows<PlannedRow>(
    db,
    selectPlanned(
      sql`ps.starts_at >= ${from.toISOString()}::timestamptz and ps.starts_at < ${to.toISOString()}::timestamptz
          and (ps.provider_id = ${providerId} or ${pathInScope(sql`o.path`, scope)})`,
    ),
  );
}

/** The live planned sessions of a series from an instant on (cancel "this and the rest"). */
export async function findRestOfSeries(db: Db, seriesId: string, from: Date): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from planned_sessions where series_id = ${seriesId} and status = 'planned'
        and starts_at >= ${from.toISOString()}::timestamptz order by id for update`,
  );
  return rows.map((r) => r.id);
}

export async function cancelPlanned(
  db: Db,
  ids: string[],
  v: { reason: string; by: string; at: Date },
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(plannedSessions)
    .set({ status: 'cancelled', cancelReason: v.reason, cancelledBy: v.by, cancelledAt: v.at })
    .where(and(inArray(plannedSessions.id, ids), eq(plannedSessions.status, 'planned')))
    .returning({ id: plannedSessions.id });
  return rows.length;
}

/** Marks a planned session recorded as the given support session; false when it was no longer planned. */
export async function markPlannedRecorded(db: Db, id: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .update(plannedSessions)
    .set({ status: 'recorded', sessionId })
    .where(and(eq(plannedSessions.id, id), eq(plannedSessions.status, 'planned')))
    .returning({ id: plannedSessions.id });
  return rows.length > 0;
}

/** Per measure of a plan: sessions scheduled (planned or already recorded, not cancelled) and their minutes. */
export async function findScheduledOfPlan(db: Db, planId: string) {
  return queryRows<{ measure_id: string; sessions: number; minutes: number }>(
    db,
    sql`select measure_id, count(*)::int as sessions, coalesce(sum(minutes), 0)::int as minutes
        from planned_sessions where plan_id = ${planId} and status <> 'cancelled' group by measure_id`,
  );
}

/** The provider's live planned sessions from an instant on, for their calendar feed. */
export async function findFeedSessions(db: Db, providerId: string, from: Date): Promise<PlannedRow[]> {
  return queryRows<PlannedRow>(
    db,
    selectPlanned(
      sql`ps.provider_id = ${providerId} and ps.status = 'planned' and ps.starts_at >= ${from.toISOString()}::timestamptz`,
    ),
  );
}

/** Sets (or replaces) the provider's feed token hash. */
export async function upsertFeed(db: Db, userId: string, tokenHash: string, at: Date): Promise<void> {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: at })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: at } });
}

export async function findFeedOwner(db: Db, tokenHash: string): Promise<string | null> {
  const rows = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  return rows[0]?.userId ?? null;
}
