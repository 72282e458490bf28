-- Lists that do not grow with the caller's scope (issue 13).
-- The watch list and the start-page counts read a precomputed flag count: how many of the five flags
-- a student's indicators raise against the thresholds in force (kept current by refreshIndicators,
-- by a threshold change, and once per school day per semester — the attendance rate of a student
-- without present lessons depends on the school days elapsed; table indicator_flag_days says which
-- day count a semester's stored flags were computed for).
ALTER TABLE "student_indicators" ADD COLUMN "flag_count" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_flag_days" (
  "semester_id" uuid PRIMARY KEY NOT NULL REFERENCES "semesters"("id"),
  "school_days" integer NOT NULL,
  "computed_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- Flagged students of a semester by school, in the watch list's first two sort keys.
CREATE INDEX IF NOT EXISTS "student_indicators_flagged_idx" ON "student_indicators" USING btree ("semester_id", "school_id", "flag_count" DESC, "last_record_on" DESC) WHERE "flag_count" > 0;--> statement-breakpoint
-- Open legal duties (crossed the line) of a semester by school, for the start page's count.
CREATE INDEX IF NOT EXISTS "student_indicators_legal_duty_idx" ON "student_indicators" USING btree ("semester_id", "school_id") WHERE "legal_duty_crossed_on" IS NOT NULL;--> statement-breakpoint
-- Name search: the start of a last or first name (lower(name) LIKE 'abc%').
CREATE INDEX IF NOT EXISTS "students_last_name_prefix_idx" ON "students" USING btree (lower("last_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "students_first_name_prefix_idx" ON "students" USING btree (lower("first_name") text_pattern_ops);--> statement-breakpoint
-- The name sort across many schools (a municipality, the nation): the key of latvianSortKey without
-- the school, so page 1 walks the index and stops after a page of rows in scope.
CREATE INDEX IF NOT EXISTS "students_lv_name_idx" ON "students" USING btree ((translate(lower("last_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), (translate(lower("first_name"), 'aābcčdeēfgģhiījkķlļmnņopqrsštuūvwxyzž', 'AABCDEFFGHIJKKLMNOPQRSTUVWXYZ[[\]^_`a') collate "C"), "id");
--> statement-breakpoint
-- The watch list filters on i.school_id (indexed): when a student moves, their indicators follow them,
-- and the stored flag counts of their semesters are recomputed on the next read (the new school's
-- municipality may set other thresholds).
CREATE OR REPLACE FUNCTION "student_indicators_follow_school"() RETURNS trigger AS $$
BEGIN
  UPDATE "student_indicators" SET "school_id" = NEW."school_id" WHERE "student_id" = NEW."id";
  DELETE FROM "indicator_flag_days" WHERE "semester_id" IN (SELECT "semester_id" FROM "student_indicators" WHERE "student_id" = NEW."id");
  RETURN NEW;
END $$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "students_school_moves_indicators" AFTER UPDATE OF "school_id" ON "students"
  FOR EACH ROW WHEN (OLD."school_id" IS DISTINCT FROM NEW."school_id") EXECUTE FUNCTION "student_indicators_follow_school"();
