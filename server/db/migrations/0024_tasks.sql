-- Tasks (issue 12): made by hand or by the system. An assignee is a user, or a role at an
-- organisation ("the school coordinators of school X"): any holder of that role there sees it.
CREATE TABLE IF NOT EXISTS "tasks" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "org_id" uuid NOT NULL REFERENCES "organisations"("id"),
  "assignee_user_id" uuid REFERENCES "users"("id"),
  "assignee_role" text,
  "title" text,
  "kind" text,
  "params" jsonb NOT NULL DEFAULT '{}'::jsonb,
  "student_id" uuid REFERENCES "students"("id"),
  "plan_id" uuid REFERENCES "plans"("id"),
  "due_on" date NOT NULL,
  "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'done')),
  "done_at" timestamp with time zone,
  "done_by" uuid REFERENCES "users"("id"),
  "done_automatically" boolean NOT NULL DEFAULT false,
  "created_by" uuid REFERENCES "users"("id"),
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "system_key" text,
  CONSTRAINT "tasks_assignee_ck" CHECK (("assignee_user_id" IS NULL) <> ("assignee_role" IS NULL)),
  CONSTRAINT "tasks_title_ck" CHECK (("title" IS NULL) <> ("kind" IS NULL)),
  CONSTRAINT "tasks_system_ck" CHECK (("kind" IS NULL) = ("system_key" IS NULL)),
  CONSTRAINT "tasks_done_ck" CHECK (("status" = 'done') = ("done_at" IS NOT NULL))
);--> statement-breakpoint
-- A condition makes at most one open system task, also when two reconciliations run at once.
CREATE UNIQUE INDEX IF NOT EXISTS "tasks_open_system_key_uq" ON "tasks" USING btree ("system_key") WHERE "status" = 'open';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_assignee_user_idx" ON "tasks" USING btree ("assignee_user_id", "status", "due_on");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_assignee_role_idx" ON "tasks" USING btree ("org_id", "assignee_role", "status");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_student_idx" ON "tasks" USING btree ("student_id");--> statement-breakpoint
-- Reconciliation looks up every key (is there one someone closed by hand?).
CREATE INDEX IF NOT EXISTS "tasks_system_key_idx" ON "tasks" USING btree ("system_key") WHERE "system_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_kind_open_idx" ON "tasks" USING btree ("kind") WHERE "status" = 'open';
