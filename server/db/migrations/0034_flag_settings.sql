-- Early-warning flags revisited with the evidence of real data (issue 15).
-- 1. A municipality (or the nation) can switch flags off; null inherits the nation's, else the default
--    (average_drop off: it added only false alarms on real students' data).
ALTER TABLE "flag_thresholds" ADD COLUMN IF NOT EXISTS "disabled_flags" text[];--> statement-breakpoint
-- 2. The attendance rate without present lessons counts the lessons held up to the journal's coverage
--    (the latest attendance record of the student's school in the semester), not up to today: data
--    imported up to a date is not diluted by the days after it. The student's own latest attendance
--    record is kept on the indicators; journal_coverage keeps each school's latest one and the school
--    days from the semester start to it.
ALTER TABLE "student_indicators" ADD COLUMN IF NOT EXISTS "last_attendance_on" date;--> statement-breakpoint
UPDATE "student_indicators" i SET "last_attendance_on" = (
  SELECT max(a."on_date") FROM "attendance" a
  WHERE a."student_id" = i."student_id" AND a."on_date" BETWEEN se."starts_on" AND se."ends_on")
FROM "semesters" se WHERE se."id" = i."semester_id";--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "journal_coverage" (
  "semester_id" uuid NOT NULL REFERENCES "semesters"("id"),
  "school_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "covered_to" date NOT NULL,
  "school_days" integer NOT NULL,
  PRIMARY KEY ("semester_id", "school_id")
);--> statement-breakpoint
INSERT INTO "journal_coverage" ("semester_id", "school_id", "covered_to", "school_days")
SELECT c."semester_id", c."school_id", c."covered_to",
  (SELECT count(*)::int FROM generate_series(se."starts_on", c."covered_to", interval '1 day') d WHERE extract(isodow FROM d) < 6)
FROM (SELECT "semester_id", "school_id", max("last_attendance_on") AS "covered_to" FROM "student_indicators"
      WHERE "last_attendance_on" IS NOT NULL GROUP BY 1, 2) c
  JOIN "semesters" se ON se."id" = c."semester_id"
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- 3. low_marks: subjects whose latest mark in the semester is below 4 or "nv" (was: every such mark).
UPDATE "student_indicators" i SET "low_marks" = (
  SELECT count(*) FROM (
    SELECT DISTINCT ON (m."subject") m."value", m."mark" FROM "marks" m
    WHERE m."student_id" = i."student_id" AND m."on_date" BETWEEN se."starts_on" AND se."ends_on"
    ORDER BY m."subject", m."on_date" DESC) l
  WHERE l."value" < 4 OR lower(l."mark") = 'nv')
FROM "semesters" se WHERE se."id" = i."semester_id";--> statement-breakpoint
-- 4. indicator_flag_days no longer keeps a day count (nothing depends on today's school days): a row
--    says the semester's stored flag counts are current. Emptied, so the counts are made current for
--    the new definitions by the job indicators.flag-days (and by reads, for the caller's rows).
DELETE FROM "indicator_flag_days";--> statement-breakpoint
ALTER TABLE "indicator_flag_days" DROP COLUMN IF EXISTS "school_days";
