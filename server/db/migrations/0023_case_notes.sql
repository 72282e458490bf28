-- Case notes on a student (issue 12): dated, typed, with a visibility level. A note's current state
-- is in "case_notes"; every version (the first one included) is kept in "case_note_revisions", so
-- an edit never loses what was written before. There is no delete.
CREATE TABLE IF NOT EXISTS "case_notes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "student_id" uuid NOT NULL REFERENCES "students"("id"),
  -- The school the student attended when the note was written: the note stays with that school.
  "school_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "author_id" uuid NOT NULL REFERENCES "users"("id"),
  "on_date" date NOT NULL,
  "type" text NOT NULL CHECK ("type" IN ('meeting', 'conversation_student', 'conversation_guardian', 'observation', 'other')),
  "visibility" text NOT NULL CHECK ("visibility" IN ('team', 'specialists', 'author')),
  "text" text NOT NULL,
  "revision" integer NOT NULL DEFAULT 1,
  "created_at" timestamp with time zone NOT NULL,
  "updated_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_notes_student_idx" ON "case_notes" USING btree ("student_id", "on_date" DESC, "created_at" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_notes_author_idx" ON "case_notes" USING btree ("author_id", "updated_at" DESC);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "case_note_revisions" (
  "note_id" uuid NOT NULL REFERENCES "case_notes"("id"),
  "revision" integer NOT NULL,
  "on_date" date NOT NULL,
  "type" text NOT NULL,
  "visibility" text NOT NULL,
  "text" text NOT NULL,
  "edited_by" uuid NOT NULL REFERENCES "users"("id"),
  "edited_at" timestamp with time zone NOT NULL,
  PRIMARY KEY ("note_id", "revision")
);
