-- Issue 11: which catalogue items are the programme's published 19 (domain-notes §10: the list on
-- strazduskola.lv/projecti/pumpurs, "probably the project's public list, possibly shortened") and which
-- Pumpurs added; and the consultation providers the programme names that were missing.
ALTER TABLE "risk_items" ADD COLUMN "source" text DEFAULT 'added' NOT NULL;
--> statement-breakpoint
ALTER TABLE "risk_items" ADD CONSTRAINT "risk_items_source_ck" CHECK ("risk_items"."source" in ('programme', 'added'));
--> statement-breakpoint
UPDATE "risk_items" SET "source" = 'programme' WHERE "code" in ('L01', 'L02', 'L04', 'L05', 'E01', 'E02', 'E03', 'E04', 'F01', 'F02', 'F03', 'F04', 'F05', 'S01', 'S02', 'S03', 'S04', 'S05', 'S06');
--> statement-breakpoint
ALTER TABLE "plan_measures" DROP CONSTRAINT "plan_measures_consultation_type_ck";
--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_consultation_type_ck" CHECK ("plan_measures"."consultation_type" is null or "plan_measures"."consultation_type" in ('subject', 'psychologist', 'social_pedagogue', 'speech_therapist', 'special_educator', 'teacher_assistant', 'sign_language_interpreter', 'occupational_therapist'));
