CREATE TABLE "economic_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"semester_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"category" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"recipient" text NOT NULL,
	"document_ref" text NOT NULL,
	"over_cap_decision_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "over_cap_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"category" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_budgets" (
	"school_id" uuid NOT NULL,
	"semester_id" uuid NOT NULL,
	"category" text NOT NULL,
	"amount" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "support_caps" (
	"category" text PRIMARY KEY NOT NULL,
	"amount" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "economic_payments" ADD CONSTRAINT "economic_payments_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_budgets" ADD CONSTRAINT "support_budgets_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "economic_payments_plan_idx" ON "economic_payments" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "economic_payments_budget_idx" ON "economic_payments" USING btree ("school_id","semester_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "support_budgets_pk" ON "support_budgets" USING btree ("school_id","semester_id","category");