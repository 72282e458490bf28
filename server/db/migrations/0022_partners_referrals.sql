-- Issue 12: the kind of a partner institution, and referrals of a student to a partner institution
-- with the data the sender chose (a snapshot taken at sending) and every status change with its time
-- and author.
ALTER TABLE "organisations" ADD COLUMN "partner_kind" text;
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_partner_kind_ck" CHECK ("partner_kind" is null or ("type" = 'partner' and "partner_kind" in ('social_service', 'orphans_court', 'police', 'health_care', 'ngo', 'other')));
--> statement-breakpoint
UPDATE "organisations" SET "partner_kind" = 'other' WHERE "type" = 'partner';
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "referrals" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "code" text NOT NULL,
  "student_id" uuid NOT NULL REFERENCES "students"("id"),
  "school_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "partner_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "plan_id" uuid REFERENCES "plans"("id"),
  "measure_id" uuid,
  "reason" text NOT NULL,
  "urgency" text NOT NULL CHECK ("urgency" IN ('normal', 'urgent')),
  "due_on" date NOT NULL,
  "items" text[] NOT NULL,
  "shared_data" jsonb NOT NULL,
  "status" text NOT NULL DEFAULT 'sent' CHECK ("status" IN ('sent', 'received', 'in_progress', 'answered', 'closed', 'withdrawn')),
  "response" text,
  "response_file_id" uuid REFERENCES "stored_files"("id"),
  "sent_by" uuid NOT NULL REFERENCES "users"("id"),
  "sent_at" timestamp with time zone NOT NULL,
  "updated_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "referrals_code_uq" ON "referrals" ("code");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "referrals_student_idx" ON "referrals" ("student_id", "sent_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "referrals_partner_idx" ON "referrals" ("partner_id", "status", "sent_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "referrals_open_due_idx" ON "referrals" ("due_on") WHERE "status" IN ('sent', 'received', 'in_progress');--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "referrals_open_uq" ON "referrals" ("student_id", "partner_id", md5("reason")) WHERE "status" IN ('sent', 'received', 'in_progress', 'answered');--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "referral_events" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "referral_id" uuid NOT NULL REFERENCES "referrals"("id"),
  "status" text NOT NULL CHECK ("status" IN ('sent', 'received', 'in_progress', 'answered', 'closed', 'withdrawn')),
  "at" timestamp with time zone NOT NULL,
  "by_user" uuid NOT NULL REFERENCES "users"("id")
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "referral_events_referral_idx" ON "referral_events" ("referral_id", "at");
