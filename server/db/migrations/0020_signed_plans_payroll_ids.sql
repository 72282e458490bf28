-- The signed plan: scans (PDF/JPEG/PNG) or e-signature containers (.edoc/.asice) uploaded for a plan,
-- each stored as uploaded in stored_files; the same file twice on one plan is refused (409).
CREATE TABLE IF NOT EXISTS "plan_signed_files" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "plan_id" uuid NOT NULL REFERENCES "plans"("id"),
  "file_id" uuid NOT NULL REFERENCES "stored_files"("id"),
  "kind" text NOT NULL,
  "sha256" text NOT NULL,
  "uploaded_by" uuid REFERENCES "users"("id"),
  "uploaded_at" timestamp with time zone NOT NULL,
  CONSTRAINT "plan_signed_files_kind_ck" CHECK ("kind" IN ('scan', 'container'))
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "plan_signed_files_same_uq" ON "plan_signed_files" USING btree ("plan_id", "sha256");--> statement-breakpoint
-- The payroll export names each provider by the employer's identifier and position (both optional).
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "employee_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "position" text;
