-- A student's move ends the old school's plans: they stay with that school, read-only, with the class
-- the student had there; the new school may start its own plan in the same semester.
ALTER TABLE "plans" ADD COLUMN "class_label" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "moved_out_at" timestamp with time zone;--> statement-breakpoint
UPDATE "plans" p SET "class_label" = s."class_label" FROM "students" s WHERE s."id" = p."student_id" AND s."school_id" = p."school_id";--> statement-breakpoint
UPDATE "plans" p SET "moved_out_at" = coalesce((SELECT max(m."created_at") FROM "student_moves" m WHERE m."student_id" = p."student_id" AND m."from_school_id" = p."school_id"), now())
  FROM "students" s WHERE s."id" = p."student_id" AND s."school_id" <> p."school_id" AND p."status" <> 'deleted';--> statement-breakpoint
INSERT INTO "plan_events" ("plan_id", "actor_id", "action", "from_status", "to_status", "comment")
  SELECT p."id", NULL, 'end_moved', p."status", 'closed', NULL FROM "plans" p
  WHERE p."moved_out_at" IS NOT NULL AND p."status" IN ('draft', 'in_approval', 'approved', 'in_progress', 'paused', 'under_revision');--> statement-breakpoint
UPDATE "plans" SET "status" = 'closed', "approval_level" = NULL, "level_since" = NULL
  WHERE "moved_out_at" IS NOT NULL AND "status" IN ('draft', 'in_approval', 'approved', 'in_progress', 'paused', 'under_revision');--> statement-breakpoint
DROP INDEX "plans_student_semester_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "plans_student_semester_uq" ON "plans" USING btree ("student_id","semester_id") WHERE status <> 'deleted' AND moved_out_at IS NULL;
