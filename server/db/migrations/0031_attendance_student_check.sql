-- Attendance's student is checked once per statement instead of once per row (issue 13). An
-- e-journal import copies a school's semester into attendance (840,000 rows for 2,000 students):
-- the foreign key ran a query of its own for every row, as long again as the copy itself. The same
-- rule now runs once per statement over the rows written: every student named must exist, and is
-- locked as the foreign key would lock it (FOR KEY SHARE: a student being deleted waits, then
-- finds the attendance). Deleting or renumbering a student with attendance is refused as before.
-- The error is the foreign key's: SQLSTATE 23503 (foreign_key_violation), under the same name.
ALTER TABLE "attendance" DROP CONSTRAINT "attendance_student_id_students_id_fk";--> statement-breakpoint
CREATE OR REPLACE FUNCTION "attendance_students_exist"() RETURNS trigger AS $$
DECLARE
  ids uuid[];
  found integer;
BEGIN
  SELECT array_agg(DISTINCT "student_id") INTO ids FROM "written";
  IF ids IS NULL THEN RETURN NULL; END IF;
  SELECT count(*) INTO found FROM (SELECT 1 FROM "students" WHERE "id" = ANY (ids) FOR KEY SHARE) s;
  IF found < cardinality(ids) THEN
    RAISE EXCEPTION 'insert or update on table "attendance" violates foreign key constraint "attendance_student_id_students_id_fk"'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "attendance_students_insert" AFTER INSERT ON "attendance"
  REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "attendance_students_exist"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "attendance_student_exists"() RETURNS trigger AS $$
BEGIN
  PERFORM 1 FROM "students" WHERE "id" = NEW."student_id" FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insert or update on table "attendance" violates foreign key constraint "attendance_student_id_students_id_fk"'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "attendance_student_moved" AFTER UPDATE OF "student_id" ON "attendance"
  FOR EACH ROW WHEN (OLD."student_id" IS DISTINCT FROM NEW."student_id")
  EXECUTE FUNCTION "attendance_student_exists"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "students_keep_attendance"() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "attendance" WHERE "student_id" = OLD."id") THEN
    RAISE EXCEPTION 'update or delete on table "students" violates foreign key constraint "attendance_student_id_students_id_fk" on table "attendance"'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER "students_keep_attendance_delete" AFTER DELETE ON "students"
  FOR EACH ROW EXECUTE FUNCTION "students_keep_attendance"();--> statement-breakpoint
CREATE TRIGGER "students_keep_attendance_renumber" AFTER UPDATE OF "id" ON "students"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION "students_keep_attendance"();
