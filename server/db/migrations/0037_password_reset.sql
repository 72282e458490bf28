-- Password reset by a one-time token and the sessions list (issue 16).
-- Sessions get a public id (the list and "end this session" name it; the primary key is the token's
-- hash and never leaves the server) and the client's address and user agent at sign-in.
ALTER TABLE "sessions" ADD COLUMN IF NOT EXISTS "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN IF NOT EXISTS "ip" text;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN IF NOT EXISTS "user_agent" text;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "sessions_public_id_uq" ON "sessions" USING btree ("public_id");
--> statement-breakpoint
-- One row per reset link sent: only the SHA-256 of the token is stored; used once, 30 minutes.
CREATE TABLE IF NOT EXISTS "password_reset_tokens" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "token_hash" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "password_reset_tokens_hash_uq" ON "password_reset_tokens" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "password_reset_tokens_user_idx" ON "password_reset_tokens" USING btree ("user_id");
--> statement-breakpoint
-- Every reset request, for the limits per address and per e-mail: the e-mail only as a SHA-256, so
-- addresses of people who have no account are not kept.
CREATE TABLE IF NOT EXISTS "password_reset_requests" (
  "id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY NOT NULL,
  "email_hash" text NOT NULL,
  "ip" text NOT NULL,
  "at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "password_reset_requests_email_idx" ON "password_reset_requests" USING btree ("email_hash", "at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "password_reset_requests_ip_idx" ON "password_reset_requests" USING btree ("ip", "at");
