import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Each fit of the advisory risk score (migration 0035, issue 15): the periods and rows it was fitted
 * on, the model (features, fill values, standardisation, weights) and its cross-validated metrics.
 * The latest row is the one in use.
 */
export const riskModels = pgTable(
  'risk_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fittedAt: timestamp('fitted_at', { withTimezone: true }).notNull(),
    fittedBy: uuid('fitted_by'),
    periods: text('periods').array().notNull(),
    rows: integer('rows').notNull(),
    positives: integer('positives').notNull(),
    model: jsonb('model').notNull(),
    metrics: jsonb('metrics').notNull(),
  },
  (t) => [index('risk_models_fitted_idx').on(t.fittedAt)],
);
