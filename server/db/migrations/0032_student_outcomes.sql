-- A programme student's outcome at the end of a school year (issue 14): continues in the same
-- school, moved to another school, extended school year, repeats the year, graduated, or left
-- education (with the reason). One per student and school year, entered or imported by the school
-- whose programme student it was (school_id), which keeps it when the student moves on.
CREATE TABLE IF NOT EXISTS "student_outcomes" (
  "student_id" uuid NOT NULL REFERENCES "students"("id"),
  "school_year" integer NOT NULL,
  "school_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "outcome" text NOT NULL,
  "reason" text,
  "source" text NOT NULL DEFAULT 'entered',
  "recorded_by" uuid,
  "recorded_at" timestamp with time zone NOT NULL DEFAULT now(),
  "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT "student_outcomes_pk" PRIMARY KEY ("student_id", "school_year"),
  CONSTRAINT "student_outcomes_outcome_ck" CHECK ("outcome" in ('continues', 'moved_school', 'extended_year', 'repeats_year', 'graduated', 'left_education')),
  CONSTRAINT "student_outcomes_reason_ck" CHECK ("outcome" <> 'left_education' or ("reason" is not null and length("reason") > 0)),
  CONSTRAINT "student_outcomes_source_ck" CHECK ("source" in ('entered', 'import')),
  CONSTRAINT "student_outcomes_year_ck" CHECK ("school_year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "student_outcomes_school_idx" ON "student_outcomes" USING btree ("school_id", "school_year");
