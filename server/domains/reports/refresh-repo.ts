import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';

/** The read model's own rows: report_figures and report_refreshes (migration 0033). */

/**
 * Serialises refreshes of one period for the rest of the transaction: a second refresh of the same
 * period waits, then replaces the first one's rows (never a duplicate key, never a mixed set).
 */
export async function lockPeriod(db: Db, period: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`reports.refresh:${period}`}))`);
}

export async function deleteFigures(db: Db, period: string): Promise<void> {
  await db.execute(sql`delete from report_figures where period = ${period}`);
}

export async function countFigures(db: Db, period: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from report_figures where period = ${period}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Records a finished refresh; a refresh requested after this one began (`startedAt`) stays pending.
 */
export async function recordRefresh(
  db: Db,
  period: string,
  refreshedAt: Date,
  durationMs: number,
  startedAt: Date,
): Promise<void> {
  await db.execute(sql`insert into report_refreshes (period, refreshed_at, duration_ms, requested_at)
    values (${period}, ${refreshedAt.toISOString()}, ${durationMs}, null)
    on conflict (period) do update set refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms,
      requested_at = case when report_refreshes.requested_at > ${startedAt.toISOString()}::timestamptz
        then report_refreshes.requested_at end`);
}

/** Marks a period's figures as wanted again (the scheduled refresh takes it up). */
export async function markRequested(db: Db, period: string, at: Date): Promise<void> {
  await db.execute(sql`insert into report_refreshes (period, requested_at) values (${period}, ${at.toISOString()})
    on conflict (period) do update set requested_at = coalesce(report_refreshes.requested_at, excluded.requested_at)`);
}

/** Forgets a request (for a period the calendar does not have). */
export async function clearRequest(db: Db, period: string): Promise<void> {
  await db.execute(sql`update report_refreshes set requested_at = null where period = ${period}`);
}

/** Periods with a refresh requested and not yet done. */
export async function findRequestedPeriods(db: Db): Promise<string[]> {
  const rows = await queryRows<{ period: string }>(
    db,
    sql`select period from report_refreshes where requested_at is not null order by requested_at`,
  );
  return rows.map((r) => r.period);
}

export interface RefreshState {
  refreshedAt: string | null;
  durationMs: number | null;
  requestedAt: string | null;
}

/** When a period was last refreshed and whether a refresh is pending (null: never either). */
export async function findRefresh(db: Db, period: string): Promise<RefreshState | null> {
  const rows = await queryRows<{
    refreshed_at: string | Date | null;
    duration_ms: number | null;
    requested_at: string | Date | null;
  }>(db, sql`select refreshed_at, duration_ms, requested_at from report_refreshes where period = ${period}`);
  const r = rows[0];
  if (!r) return null;
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  return {
    refreshedAt: iso(r.refreshed_at),
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    requestedAt: iso(r.requested_at),
  };
}

/** One row of the read model. */
export interface FigureRow {
  orgId: string;
  indicator: string;
  key: string;
  value: number;
  students: number | null;
}

/**
 * The figures of a period for some organisations, optionally only some indicators (the dashboard
 * reads one organisation's every row and its children's headline rows): one indexed range read of
 * the primary key per organisation.
 */
export async function findFigures(
  db: Db,
  period: string,
  orgIds: string[],
  indicators?: readonly string[],
): Promise<FigureRow[]> {
  if (orgIds.length === 0) return [];
  const only = indicators ? sql`and indicator = any(${`{${indicators.join(',')}}`}::text[])` : sql``;
  const rows = await queryRows<{
    org_id: string;
    indicator: string;
    key: string;
    value: string;
    students: number | null;
  }>(
    db,
    sql`select org_id, indicator, key, value, students from report_figures
        where period = ${period} and org_id = any(${`{${orgIds.join(',')}}`}::uuid[]) ${only}
        order by org_id, indicator, key`,
  );
  return rows.map((r) => ({
    orgId: r.org_id,
    indicator: r.indicator,
    key: r.key,
    value: Number(r.value),
    students: r.students === null ? null : Number(r.students),
  }));
}
