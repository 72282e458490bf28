import { sql } from 'drizzle-orm';
import type { FlagKey } from '../../../common/api/ejournal.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import type { RiskModel } from './model.ts';

/** How well a fit did, cross-validated on the rows it was fitted on (stored with it). */
export interface RiskModelMetrics {
  /** ROC AUC over the test folds: mean and SD. */
  auc: { mean: number; sd: number };
  /** Precision-recall AUC (average precision) over the test folds. */
  prAuc: { mean: number; sd: number };
  /** The best single flag's indicator ROC AUC on the same rows, for comparison. */
  bestFlag: { key: FlagKey; auc: number } | null;
  /** Test folds the means are over. */
  folds: number;
}

export interface StoredRiskModel {
  id: string;
  fittedAt: string;
  fittedBy: string | null;
  /** The semesters (period codes such as `2025-2`) the rows came from. */
  periods: string[];
  rows: number;
  positives: number;
  model: RiskModel;
  metrics: RiskModelMetrics;
}

interface Raw {
  id: string;
  fitted_at: string;
  fitted_by: string | null;
  periods: string[];
  rows: number;
  positives: number;
  model: RiskModel;
  metrics: RiskModelMetrics;
}

/** The fit in use: the latest; null before the first fit. */
export async function findLatestRiskModel(db: Db): Promise<StoredRiskModel | null> {
  const [r] = await queryRows<Raw>(
    db,
    sql`select id, to_char(fitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as fitted_at, fitted_by,
        periods, rows, positives, model, metrics
      from risk_models order by seq desc limit 1`,
  );
  if (!r) return null;
  return {
    id: r.id,
    fittedAt: r.fitted_at,
    fittedBy: r.fitted_by,
    periods: r.periods,
    rows: Number(r.rows),
    positives: Number(r.positives),
    model: r.model,
    metrics: r.metrics,
  };
}

/** Stores a fit; it becomes the one in use. */
export async function insertRiskModel(
  db: Db,
  m: Omit<StoredRiskModel, 'id' | 'fittedAt'> & { fittedAt: Date },
): Promise<string> {
  // A JS array in a sql template becomes a parenthesised list, not an array: build the array.
  const periods = sql`array[${sql.join(
    m.periods.map((p) => sql`${p}`),
    sql`, `,
  )}]::text[]`;
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`insert into risk_models (fitted_at, fitted_by, periods, rows, positives, model, metrics)
      values (${m.fittedAt.toISOString()}::timestamptz, ${m.fittedBy}, ${periods}, ${m.rows}, ${m.positives},
        ${JSON.stringify(m.model)}::jsonb, ${JSON.stringify(m.metrics)}::jsonb)
      returning id`,
  );
  return (r as { id: string }).id;
}
