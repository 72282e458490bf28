CREATE TABLE "attendance" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"student_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"lesson_no" smallint DEFAULT 0 NOT NULL,
	"lessons" smallint DEFAULT 1 NOT NULL,
	"subject" text,
	"reason" text NOT NULL,
	"source" text DEFAULT 'import' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "behaviour_notes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "behaviour_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"student_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"note_hash" text NOT NULL,
	"source" text DEFAULT 'import' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_duty_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"semester_id" uuid NOT NULL,
	"informed_on" date NOT NULL,
	"informed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "marks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"student_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"on_date" date NOT NULL,
	"mark" text NOT NULL,
	"value" smallint,
	"source" text DEFAULT 'import' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_indicators" (
	"student_id" uuid NOT NULL,
	"semester_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"unjustified_lessons" integer NOT NULL,
	"justified_lessons" integer NOT NULL,
	"other_lessons" integer NOT NULL,
	"low_marks" integer NOT NULL,
	"mark_average" numeric(4, 2),
	"previous_average" numeric(4, 2),
	"behaviour_notes" integer NOT NULL,
	"legal_duty_crossed_on" date,
	"last_record_on" date,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flag_thresholds" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"unjustified_lessons" integer NOT NULL,
	"low_marks" integer NOT NULL,
	"average_drop" numeric(4, 2) NOT NULL,
	"behaviour_notes" integer NOT NULL,
	"attendance_rate" numeric(4, 3) NOT NULL,
	"lessons_per_day" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "risk_item_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name_lv" text NOT NULL,
	"name_en" text NOT NULL,
	"description_lv" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "risk_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"risk_type" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "semesters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_year" integer NOT NULL,
	"number" smallint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"semester_id" uuid NOT NULL,
	"risk_version_id" uuid NOT NULL,
	"justification" text NOT NULL,
	"found_on" date NOT NULL,
	"found_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "behaviour_notes" ADD CONSTRAINT "behaviour_notes_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_duty_notices" ADD CONSTRAINT "legal_duty_notices_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_duty_notices" ADD CONSTRAINT "legal_duty_notices_semester_id_semesters_id_fk" FOREIGN KEY ("semester_id") REFERENCES "public"."semesters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_indicators" ADD CONSTRAINT "student_indicators_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_indicators" ADD CONSTRAINT "student_indicators_semester_id_semesters_id_fk" FOREIGN KEY ("semester_id") REFERENCES "public"."semesters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_thresholds" ADD CONSTRAINT "flag_thresholds_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_item_versions" ADD CONSTRAINT "risk_item_versions_item_id_risk_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."risk_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_risks" ADD CONSTRAINT "student_risks_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_risks" ADD CONSTRAINT "student_risks_semester_id_semesters_id_fk" FOREIGN KEY ("semester_id") REFERENCES "public"."semesters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_risks" ADD CONSTRAINT "student_risks_risk_version_id_risk_item_versions_id_fk" FOREIGN KEY ("risk_version_id") REFERENCES "public"."risk_item_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_uq" ON "attendance" USING btree ("student_id","on_date","lesson_no");--> statement-breakpoint
CREATE UNIQUE INDEX "behaviour_notes_uq" ON "behaviour_notes" USING btree ("student_id","on_date","note_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_duty_notices_uq" ON "legal_duty_notices" USING btree ("student_id","semester_id");--> statement-breakpoint
CREATE UNIQUE INDEX "marks_uq" ON "marks" USING btree ("student_id","subject","on_date");--> statement-breakpoint
CREATE UNIQUE INDEX "student_indicators_pk" ON "student_indicators" USING btree ("student_id","semester_id");--> statement-breakpoint
CREATE INDEX "student_indicators_school_idx" ON "student_indicators" USING btree ("school_id","semester_id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_item_versions_uq" ON "risk_item_versions" USING btree ("item_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_items_code_uq" ON "risk_items" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "semesters_uq" ON "semesters" USING btree ("school_year","number");--> statement-breakpoint
CREATE INDEX "student_risks_student_idx" ON "student_risks" USING btree ("student_id","semester_id");