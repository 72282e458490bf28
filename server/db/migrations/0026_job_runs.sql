-- Background jobs (issue 13): each job's status, progress and result, so any app instance answers
-- GET /api/jobs/:id. On PostgreSQL pg-boss (its own schema "pgboss") queues and runs the jobs; on
-- PGlite this table is also the queue of the in-process runner, so a queued job survives a restart.
CREATE TABLE IF NOT EXISTS "job_runs" (
  "id" uuid PRIMARY KEY NOT NULL,
  "name" text NOT NULL,
  "state" text NOT NULL DEFAULT 'queued' CHECK ("state" IN ('queued', 'running', 'done', 'failed')),
  "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
  "done" bigint NOT NULL DEFAULT 0,
  "total" bigint,
  "result" jsonb,
  "error_code" text,
  "org_id" uuid REFERENCES "organisations"("id"),
  "singleton_key" text,
  "student_data" boolean NOT NULL DEFAULT false,
  "created_by" uuid REFERENCES "users"("id"),
  "created_at" timestamp with time zone NOT NULL,
  "updated_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
-- At most one queued or running job per singleton key, also when two instances send it at once.
CREATE UNIQUE INDEX IF NOT EXISTS "job_runs_singleton_uq" ON "job_runs" USING btree ("singleton_key") WHERE "state" IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "job_runs_queued_idx" ON "job_runs" USING btree ("created_at") WHERE "state" = 'queued';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "job_runs_org_created_idx" ON "job_runs" USING btree ("org_id", "created_at" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "job_runs_created_idx" ON "job_runs" USING btree ("created_at" DESC);
