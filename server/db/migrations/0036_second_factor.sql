-- Issue 16: a second factor (TOTP, RFC 6238) with recovery codes, and step-up on sessions.
-- One authenticator per user. The shared secret is stored encrypted (AES-256-GCM with a key from
-- PUMPURS_SECRET_KEY); `enabled_at` is null while enrolment waits for its first code;
-- `last_used_step` is the time step of the last accepted code, so a code is accepted once.
CREATE TABLE IF NOT EXISTS "user_second_factors" (
  "user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id"),
  "secret_encrypted" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL,
  "enabled_at" timestamp with time zone,
  "last_used_step" bigint
);
--> statement-breakpoint
-- Ten single-use recovery codes per user; only their SHA-256 is stored.
CREATE TABLE IF NOT EXISTS "recovery_codes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "code_hash" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL,
  "used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "recovery_codes_user_hash_uq" ON "recovery_codes" USING btree ("user_id", "code_hash");
--> statement-breakpoint
-- Wrong second-factor codes, counted over a sliding window like sign-in failures.
CREATE TABLE IF NOT EXISTS "second_factor_attempts" (
  "id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "ip" text NOT NULL,
  "success" boolean NOT NULL,
  "at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "second_factor_attempts_user_idx" ON "second_factor_attempts" USING btree ("user_id", "at");
--> statement-breakpoint
-- When the session passed its second factor (null: password only) and until when it is stepped up.
ALTER TABLE "sessions" ADD COLUMN IF NOT EXISTS "second_factor_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN IF NOT EXISTS "step_up_until" timestamp with time zone;
