-- A notification that asked someone to act is marked done when a later move of the plan answers it
-- (approved at that level by someone else, returned, withdrawn, ended); the bell counts only open ones.
ALTER TABLE "notifications" ADD COLUMN IF NOT EXISTS "done_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "notifications_open_plan_idx" ON "notifications" USING btree ("plan_id") WHERE "done_at" IS NULL;
