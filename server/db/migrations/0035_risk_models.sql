-- The advisory risk score (issue 15): each fit of the logistic regression on the ABC indicators, with
-- what it was fitted on and how well it did (cross-validated), so the validation report can show the
-- score's AUC next to the best single flag's and the watch list ranks students with the latest fit.
CREATE TABLE IF NOT EXISTS "risk_models" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  -- The order the fits were stored in: the latest stored is the one in use (whatever the clock said).
  "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  "fitted_at" timestamp with time zone NOT NULL,
  "fitted_by" uuid,
  "periods" text[] NOT NULL,
  "rows" integer NOT NULL,
  "positives" integer NOT NULL,
  "model" jsonb NOT NULL,
  "metrics" jsonb NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "risk_models_seq_uq" ON "risk_models" USING btree ("seq");
