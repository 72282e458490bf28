CREATE TABLE "import_locks" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_locks" ADD CONSTRAINT "import_locks_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
