CREATE TABLE "plan_event_measure_comments" (
	"event_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"plan_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"comment" text NOT NULL,
	CONSTRAINT "plan_event_measure_comments_event_id_position_pk" PRIMARY KEY("event_id","position")
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"plan_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"criterion" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_goals_plan_id_id_pk" PRIMARY KEY("plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_measure_providers" (
	"plan_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "plan_measure_providers_plan_id_measure_id_user_id_pk" PRIMARY KEY("plan_id","measure_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "plan_measure_risks" (
	"plan_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"student_risk_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "plan_measure_risks_plan_id_measure_id_student_risk_id_pk" PRIMARY KEY("plan_id","measure_id","student_risk_id")
);
--> statement-breakpoint
CREATE TABLE "plan_measures" (
	"plan_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"position" integer,
	"kind" text NOT NULL,
	"consultation_type" text,
	"subject" text,
	"planned_hours" numeric(6, 1),
	"economic_category" text,
	"planned_cents" integer,
	"other_type" text,
	"description" text DEFAULT '' NOT NULL,
	"justification" text NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "plan_measures_plan_id_id_pk" PRIMARY KEY("plan_id","id"),
	CONSTRAINT "plan_measures_kind_ck" CHECK ("plan_measures"."kind" in ('consultation', 'economic', 'other')),
	CONSTRAINT "plan_measures_consultation_ck" CHECK ("plan_measures"."kind" <> 'consultation' or ("plan_measures"."consultation_type" is not null and "plan_measures"."planned_hours" is not null and ("plan_measures"."consultation_type" <> 'subject' or "plan_measures"."subject" is not null))),
	CONSTRAINT "plan_measures_economic_ck" CHECK ("plan_measures"."kind" <> 'economic' or ("plan_measures"."economic_category" is not null and "plan_measures"."planned_cents" is not null)),
	CONSTRAINT "plan_measures_other_ck" CHECK ("plan_measures"."kind" <> 'other' or "plan_measures"."other_type" is not null),
	CONSTRAINT "plan_measures_consultation_type_ck" CHECK ("plan_measures"."consultation_type" is null or "plan_measures"."consultation_type" in ('subject', 'psychologist', 'social_pedagogue', 'speech_therapist', 'special_educator', 'teacher_assistant')),
	CONSTRAINT "plan_measures_economic_category_ck" CHECK ("plan_measures"."economic_category" is null or "plan_measures"."economic_category" in ('transport', 'accommodation', 'meals', 'study_materials', 'personal_items')),
	CONSTRAINT "plan_measures_other_type_ck" CHECK ("plan_measures"."other_type" is null or "plan_measures"."other_type" in ('mentoring', 'youth_initiative')),
	CONSTRAINT "plan_measures_hours_ck" CHECK ("plan_measures"."planned_hours" is null or "plan_measures"."planned_hours" > 0),
	CONSTRAINT "plan_measures_cents_ck" CHECK ("plan_measures"."planned_cents" is null or "plan_measures"."planned_cents" > 0),
	CONSTRAINT "plan_measures_position_ck" CHECK (("plan_measures"."removed_at" is null) = ("plan_measures"."position" is not null))
);
--> statement-breakpoint
CREATE TABLE "plan_risks" (
	"plan_id" uuid NOT NULL,
	"student_risk_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "plan_risks_plan_id_student_risk_id_pk" PRIMARY KEY("plan_id","student_risk_id")
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "supervisor_id" uuid;--> statement-breakpoint
-- Move the live content of every plan from plans.content into the tables, in the same order and
-- with the same ids. Measures are keyed by (plan_id, id): ids came from the editor.
UPDATE "plans" SET "supervisor_id" = ("content"->>'supervisorId')::uuid WHERE "content"->>'supervisorId' IS NOT NULL;
--> statement-breakpoint
INSERT INTO "plan_risks" ("plan_id", "student_risk_id", "position")
SELECT DISTINCT ON (p.id, r.value) p.id, r.value::uuid, (r.ord - 1)::int
FROM "plans" p, jsonb_array_elements_text(CASE WHEN jsonb_typeof(p.content->'riskIds') = 'array' THEN p.content->'riskIds' ELSE '[]'::jsonb END) WITH ORDINALITY r(value, ord)
ORDER BY p.id, r.value, r.ord;
--> statement-breakpoint
INSERT INTO "plan_goals" ("plan_id", "id", "position", "text", "criterion")
SELECT p.id, (g.value->>'id')::uuid, (g.ord - 1)::int, g.value->>'text', coalesce(g.value->>'criterion', '')
FROM "plans" p, jsonb_array_elements(CASE WHEN jsonb_typeof(p.content->'goals') = 'array' THEN p.content->'goals' ELSE '[]'::jsonb END) WITH ORDINALITY g(value, ord);
--> statement-breakpoint
-- Every measure to keep: the live ones, and those an earlier edit removed while sessions, payments
-- or return comments still point at them (taken from the newest submitted version holding them).
CREATE TABLE "_plan_measures_0015" ("plan_id" uuid NOT NULL, "id" uuid NOT NULL, "position" integer, "m" jsonb);
--> statement-breakpoint
INSERT INTO "_plan_measures_0015" ("plan_id", "id", "position", "m")
SELECT p.id, (m.value->>'id')::uuid, (m.ord - 1)::int, m.value
FROM "plans" p, jsonb_array_elements(CASE WHEN jsonb_typeof(p.content->'measures') = 'array' THEN p.content->'measures' ELSE '[]'::jsonb END) WITH ORDINALITY m(value, ord);
--> statement-breakpoint
INSERT INTO "_plan_measures_0015" ("plan_id", "id", "position", "m")
SELECT x.plan_id, x.measure_id, NULL,
  (SELECT mv.value FROM "plan_versions" v, jsonb_array_elements(CASE WHEN jsonb_typeof(v.content->'measures') = 'array' THEN v.content->'measures' ELSE '[]'::jsonb END) mv(value)
   WHERE v.plan_id = x.plan_id AND mv.value->>'id' = x.measure_id::text ORDER BY v.version DESC LIMIT 1)
FROM (
  SELECT "plan_id", "measure_id" FROM "session_participants"
  UNION SELECT "plan_id", "measure_id" FROM "economic_payments"
  UNION SELECT e.plan_id, (c.value->>'measureId')::uuid FROM "plan_events" e,
    jsonb_array_elements(CASE WHEN jsonb_typeof(e.measure_comments) = 'array' THEN e.measure_comments ELSE '[]'::jsonb END) c(value)
) x
WHERE NOT EXISTS (SELECT 1 FROM "_plan_measures_0015" s WHERE s.plan_id = x.plan_id AND s.id = x.measure_id);
--> statement-breakpoint
-- A removed measure no submitted version knows (none in practice) is kept as an "other" measure.
INSERT INTO "plan_measures" ("plan_id", "id", "position", "kind", "consultation_type", "subject", "planned_hours", "economic_category", "planned_cents", "other_type", "description", "justification", "removed_at")
SELECT s.plan_id, s.id, s.position, coalesce(s.m->>'kind', 'other'), s.m->>'consultationType', s.m->>'subject',
  (s.m->>'plannedHours')::numeric, s.m->>'economicCategory', (s.m->>'plannedCents')::integer,
  coalesce(s.m->>'otherType', CASE WHEN s.m IS NULL THEN 'mentoring' END), coalesce(s.m->>'description', ''), coalesce(s.m->>'justification', ''),
  CASE WHEN s.position IS NULL THEN now() END
FROM "_plan_measures_0015" s;
--> statement-breakpoint
INSERT INTO "plan_measure_providers" ("plan_id", "measure_id", "user_id")
SELECT s.plan_id, s.id, (s.m->>'providerId')::uuid FROM "_plan_measures_0015" s WHERE s.m->>'providerId' IS NOT NULL;
--> statement-breakpoint
INSERT INTO "plan_measure_risks" ("plan_id", "measure_id", "student_risk_id", "position")
SELECT DISTINCT ON (s.plan_id, s.id, r.value) s.plan_id, s.id, r.value::uuid, (r.ord - 1)::int
FROM "_plan_measures_0015" s, jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.m->'riskIds') = 'array' THEN s.m->'riskIds' ELSE '[]'::jsonb END) WITH ORDINALITY r(value, ord)
WHERE EXISTS (SELECT 1 FROM "plan_risks" pr WHERE pr.plan_id = s.plan_id AND pr.student_risk_id = r.value::uuid)
ORDER BY s.plan_id, s.id, r.value, r.ord;
--> statement-breakpoint
DROP TABLE "_plan_measures_0015";
--> statement-breakpoint
INSERT INTO "plan_event_measure_comments" ("event_id", "position", "plan_id", "measure_id", "comment")
SELECT e.id, (c.ord - 1)::int, e.plan_id, (c.value->>'measureId')::uuid, c.value->>'comment'
FROM "plan_events" e, jsonb_array_elements(CASE WHEN jsonb_typeof(e.measure_comments) = 'array' THEN e.measure_comments ELSE '[]'::jsonb END) WITH ORDINALITY c(value, ord);
--> statement-breakpoint
ALTER TABLE "plan_event_measure_comments" ADD CONSTRAINT "plan_event_measure_comments_event_id_plan_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."plan_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_event_measure_comments" ADD CONSTRAINT "plan_event_measure_comments_plan_id_measure_id_plan_measures_plan_id_id_fk" FOREIGN KEY ("plan_id","measure_id") REFERENCES "public"."plan_measures"("plan_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_providers" ADD CONSTRAINT "plan_measure_providers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_providers" ADD CONSTRAINT "plan_measure_providers_plan_id_measure_id_plan_measures_plan_id_id_fk" FOREIGN KEY ("plan_id","measure_id") REFERENCES "public"."plan_measures"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_risks" ADD CONSTRAINT "plan_measure_risks_plan_id_measure_id_plan_measures_plan_id_id_fk" FOREIGN KEY ("plan_id","measure_id") REFERENCES "public"."plan_measures"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_risks" ADD CONSTRAINT "plan_measure_risks_plan_id_student_risk_id_plan_risks_plan_id_student_risk_id_fk" FOREIGN KEY ("plan_id","student_risk_id") REFERENCES "public"."plan_risks"("plan_id","student_risk_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_risks" ADD CONSTRAINT "plan_risks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_risks" ADD CONSTRAINT "plan_risks_student_risk_id_student_risks_id_fk" FOREIGN KEY ("student_risk_id") REFERENCES "public"."student_risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_measure_providers_user_idx" ON "plan_measure_providers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "plan_measures_plan_idx" ON "plan_measures" USING btree ("plan_id","position");--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economic_payments" ADD CONSTRAINT "economic_payments_plan_id_measure_id_plan_measures_plan_id_id_fk" FOREIGN KEY ("plan_id","measure_id") REFERENCES "public"."plan_measures"("plan_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_plan_id_measure_id_plan_measures_plan_id_id_fk" FOREIGN KEY ("plan_id","measure_id") REFERENCES "public"."plan_measures"("plan_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The live content is relational now; submitted versions keep their JSON snapshots in plan_versions.
ALTER TABLE "plans" DROP COLUMN "content";--> statement-breakpoint
ALTER TABLE "plan_events" DROP COLUMN "measure_comments";
