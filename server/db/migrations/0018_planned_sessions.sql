-- Planned consultations: a provider (or the school coordinator for them) schedules sessions on a
-- measure of a plan, one-off or weekly; a planned session is later cancelled (with a reason) or
-- turned into a recorded support session. One provider cannot hold two live plans for one slot.
CREATE TABLE "planned_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"plan_id" uuid NOT NULL REFERENCES "plans"("id"),
	"measure_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL REFERENCES "users"("id"),
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"mode" text NOT NULL,
	"room" text,
	"series_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"created_by" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_by" uuid REFERENCES "users"("id"),
	"cancelled_at" timestamp with time zone,
	"session_id" uuid REFERENCES "support_sessions"("id"),
	CONSTRAINT "planned_sessions_measure_fk" FOREIGN KEY ("plan_id","measure_id") REFERENCES "plan_measures"("plan_id","id"),
	CONSTRAINT "planned_sessions_minutes_ck" CHECK ("minutes" BETWEEN 10 AND 45),
	CONSTRAINT "planned_sessions_mode_ck" CHECK ("mode" IN ('in_person', 'remote') AND ("mode" = 'remote') = ("room" IS NULL)),
	CONSTRAINT "planned_sessions_status_ck" CHECK ("status" IN ('planned', 'cancelled', 'recorded')),
	CONSTRAINT "planned_sessions_cancel_ck" CHECK (("status" = 'cancelled') = ("cancel_reason" IS NOT NULL)),
	CONSTRAINT "planned_sessions_recorded_ck" CHECK (("status" = 'recorded') = ("session_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "planned_sessions_slot_uq" ON "planned_sessions" USING btree ("provider_id","starts_at") WHERE "status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "planned_sessions_session_uq" ON "planned_sessions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "planned_sessions_school_idx" ON "planned_sessions" USING btree ("school_id","starts_at");--> statement-breakpoint
CREATE INDEX "planned_sessions_plan_idx" ON "planned_sessions" USING btree ("plan_id","measure_id");--> statement-breakpoint
CREATE INDEX "planned_sessions_series_idx" ON "planned_sessions" USING btree ("series_id");--> statement-breakpoint
-- A provider's calendar feed: only the SHA-256 of the secret token in the feed's address is kept.
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id"),
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_uq" ON "calendar_feeds" USING btree ("token_hash");
