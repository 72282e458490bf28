-- The watch list's whole order from one index (issue 13): flag count, last record (none last), then
-- the student's last and first name and id. The names are copied onto student_indicators (kept
-- current by triggers: filled when a row is written, updated when a student is renamed), so a
-- municipal or national first page walks the index and stops after a page of rows in scope instead
-- of sorting every flagged student in scope. The last record sorts as coalesce(..., '-infinity').
ALTER TABLE "student_indicators" ADD COLUMN "last_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "student_indicators" ADD COLUMN "first_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "student_indicators" i SET "last_name" = s."last_name", "first_name" = s."first_name" FROM "students" s WHERE s."id" = i."student_id";--> statement-breakpoint
CREATE OR REPLACE FUNCTION "student_indicators_take_names"() RETURNS trigger AS $$
BEGIN
  SELECT s."last_name", s."first_name" INTO NEW."last_name", NEW."first_name" FROM "students" s WHERE s."id" = NEW."student_id";
  RETURN NEW;
END $$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "student_indicators_names" BEFORE INSERT OR UPDATE OF "student_id" ON "student_indicators"
  FOR EACH ROW EXECUTE FUNCTION "student_indicators_take_names"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "student_indicators_follow_names"() RETURNS trigger AS $$
BEGIN
  UPDATE "student_indicators" SET "last_name" = NEW."last_name", "first_name" = NEW."first_name" WHERE "student_id" = NEW."id";
  RETURN NEW;
END $$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "students_rename_indicators" AFTER UPDATE OF "last_name", "first_name" ON "students"
  FOR EACH ROW WHEN (OLD."last_name" IS DISTINCT FROM NEW."last_name" OR OLD."first_name" IS DISTINCT FROM NEW."first_name")
  EXECUTE FUNCTION "student_indicators_follow_names"();--> statement-breakpoint
-- Across schools (a municipality, the nation): the semester's flagged rows in the list's order.
CREATE INDEX IF NOT EXISTS "student_indicators_watch_order_idx" ON "student_indicators" USING btree ("semester_id", "flag_count" DESC, (coalesce("last_record_on", '-infinity'::date)) DESC, "last_name", "first_name", "student_id") WHERE "flag_count" > 0;--> statement-breakpoint
-- One school: the same order after the school (replaces 0025's student_indicators_flagged_idx).
CREATE INDEX IF NOT EXISTS "student_indicators_school_watch_order_idx" ON "student_indicators" USING btree ("semester_id", "school_id", "flag_count" DESC, (coalesce("last_record_on", '-infinity'::date)) DESC, "last_name", "first_name", "student_id") WHERE "flag_count" > 0;--> statement-breakpoint
DROP INDEX IF EXISTS "student_indicators_flagged_idx";
