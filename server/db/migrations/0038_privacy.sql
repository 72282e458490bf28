-- Retention and erasure (issue 16): a student anonymised (by the retention job or on request) keeps
-- the row, so the reports' counts stay; `anonymised_at` marks it, and the erasure log says who, when,
-- why (a category, never free text) and which columns were cleared — never the values.
ALTER TABLE "students" ADD COLUMN IF NOT EXISTS "anonymised_at" timestamptz;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "erasure_log" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "student_id" uuid NOT NULL REFERENCES "students"("id"),
  "org_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "erased_at" timestamptz NOT NULL,
  "erased_by" uuid REFERENCES "users"("id"),
  "trigger" text NOT NULL CHECK ("trigger" IN ('request', 'retention')),
  "reason" text NOT NULL,
  "cleared" jsonb NOT NULL,
  "request_id" text
);--> statement-breakpoint
-- One erasure per student, whatever the number of clicks or job runs.
CREATE UNIQUE INDEX IF NOT EXISTS "erasure_log_student_uq" ON "erasure_log" ("student_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "erasure_log_erased_at_idx" ON "erasure_log" ("erased_at" DESC, "id" DESC);
