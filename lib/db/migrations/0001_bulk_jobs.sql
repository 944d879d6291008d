CREATE TABLE "bulk_job_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"email" text NOT NULL,
	"request" jsonb,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp (3) with time zone,
	"sending_at" timestamp (3) with time zone,
	"history_id" uuid,
	"invitation_id" text,
	"guest_user_id" text,
	"redeem_url" text,
	"graph_status" text,
	"request_id" text,
	"error_code" text,
	"error_message" text,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "bulk_job_rows_state_check" CHECK ("bulk_job_rows"."state" in ('queued', 'sending', 'succeeded', 'failed', 'skipped', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_oid" text NOT NULL,
	"owner_name" text,
	"owner_upn" text,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"headers" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"pause_reason" text,
	"total_rows" integer NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "bulk_jobs_status_check" CHECK ("bulk_jobs"."status" in ('draft', 'running', 'paused', 'cancelled', 'completed')),
	CONSTRAINT "bulk_jobs_pause_reason_check" CHECK ("bulk_jobs"."pause_reason" is null or "bulk_jobs"."pause_reason" in ('user', 'sign_in'))
);
--> statement-breakpoint
ALTER TABLE "bulk_job_rows" ADD CONSTRAINT "bulk_job_rows_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_job_rows_job_row_idx" ON "bulk_job_rows" USING btree ("job_id","row_number");--> statement-breakpoint
CREATE INDEX "bulk_job_rows_job_state_idx" ON "bulk_job_rows" USING btree ("job_id","state","row_number");--> statement-breakpoint
CREATE INDEX "bulk_jobs_owner_created_idx" ON "bulk_jobs" USING btree ("owner_oid","created_at");--> statement-breakpoint
CREATE INDEX "bulk_jobs_status_idx" ON "bulk_jobs" USING btree ("status");