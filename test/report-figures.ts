import { sql } from 'drizzle-orm';
import type { Database } from '../server/platform/db.ts';

/** One row of the read model as the `reports.refresh` job writes it. */
export interface FigureInput {
  org: string;
  indicator: string;
  key?: string;
  value: number;
  students?: number | null;
}

/**
 * Writes figures of one period straight into report_figures (replacing the period's rows) and marks
 * the period computed: the report API's tests need exact small numbers, which the demo data only
 * gives by chance.
 */
export async function putFigures(database: Database, period: string, rows: FigureInput[]): Promise<void> {
  await database.withTx(async (tx) => {
    await tx.execute(sql`delete from report_figures where period = ${period}`);
    for (const r of rows)
      await tx.execute(
        sql`insert into report_figures (period, org_id, indicator, key, value, students)
            values (${period}, ${r.org}, ${r.indicator}, ${r.key ?? ''}, ${r.value}, ${r.students ?? null})`,
      );
    await tx.execute(
      sql`insert into report_refreshes (period, refreshed_at, duration_ms) values (${period}, now(), 10)
          on conflict (period) do update set refreshed_at = excluded.refreshed_at`,
    );
  });
}

/** The headline figures of one organisation (the children table's columns), value = students. */
export function headlineRows(
  org: string,
  v: { flagged: number; risks: number; plans: number; supported: number; iaps: number },
): FigureInput[] {
  return [
    { org, indicator: 'students_flagged', value: v.flagged, students: v.flagged },
    { org, indicator: 'students_with_risks', value: v.risks, students: v.risks },
    { org, indicator: 'students_with_plans', value: v.plans, students: v.plans },
    { org, indicator: 'students_supported', value: v.supported, students: v.supported },
    { org, indicator: 'iaps', value: v.iaps, students: v.plans },
  ];
}
