-- The reporting read model (issue 14): per period (a semester '2026-1' or a school year '2026') and
-- organisation (a school, a municipality, the nation) each indicator's value per key (a status, a
-- subject, a category ...; '' when it has none) and the number of distinct students behind it (the
-- auditor view suppresses by it). A job fills it from the domain tables, one period at a time, so the
-- dashboards read a few hundred rows instead of aggregating every domain at national scale.
CREATE TABLE IF NOT EXISTS "report_figures" (
  "period" text NOT NULL,
  "org_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "indicator" text NOT NULL,
  "key" text NOT NULL DEFAULT '',
  "value" numeric(16, 2) NOT NULL,
  "students" integer,
  CONSTRAINT "report_figures_pk" PRIMARY KEY ("period", "org_id", "indicator", "key")
);
--> statement-breakpoint
-- When each period's figures were last computed, how long that took, and a pending request.
CREATE TABLE IF NOT EXISTS "report_refreshes" (
  "period" text PRIMARY KEY NOT NULL,
  "refreshed_at" timestamp with time zone,
  "duration_ms" integer,
  "requested_at" timestamp with time zone
);
