import { bigint, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Each fit of the advisory risk score (migration 0035, issue 15): the periods and rows it was fitted
 * on, the model (features, fill values, standardisation, weights) and its cross-validated metrics.
 * The latest stored (highest `seq`) is the one in use.
 */
export const riskModels = pgTable(
  'risk_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order the fits were stored in: the latest stored is the one in use. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    fittedAt: timestamp('fitted_at', { withTimezone: true }).notNull(),
    fittedBy: uuid('fitted_by'),
    periods: text('periods').array().notNull(),
    rows: integer('rows').notNull(),
    positives: integer('positives').notNull(),
    model: jsonb('model').notNull(),
    metrics: jsonb('metrics').notNull(),
  },
  (t) => [uniqueIndex('risk_models_seq_uq').on(t.seq)],
);
