CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request" text NOT NULL,
	"body_hash" text NOT NULL,
	"status_code" integer,
	"content_type" text,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");
--> statement-breakpoint
ALTER TABLE "student_risks" ADD COLUMN "risk_item_id" uuid;
--> statement-breakpoint
UPDATE "student_risks" r SET "risk_item_id" = v."item_id" FROM "risk_item_versions" v WHERE v."id" = r."risk_version_id";
--> statement-breakpoint
UPDATE "student_risks" r SET "removed_at" = now()
	WHERE r."removed_at" IS NULL AND EXISTS (
		SELECT 1 FROM "student_risks" o
		WHERE o."student_id" = r."student_id" AND o."semester_id" = r."semester_id"
			AND o."risk_item_id" = r."risk_item_id" AND o."removed_at" IS NULL
			AND (o."created_at", o."id") < (r."created_at", r."id")
	);
--> statement-breakpoint
ALTER TABLE "student_risks" ALTER COLUMN "risk_item_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "student_risks" ADD CONSTRAINT "student_risks_risk_item_id_risk_items_id_fk" FOREIGN KEY ("risk_item_id") REFERENCES "public"."risk_items"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "student_risks_active_uq" ON "student_risks" USING btree ("student_id","semester_id","risk_item_id") WHERE "student_risks"."removed_at" is null;
