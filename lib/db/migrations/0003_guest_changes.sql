CREATE TABLE "guest_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"attempt_count" integer DEFAULT 1 NOT NULL,
	"actor_oid" text NOT NULL,
	"actor_name" text,
	"actor_upn" text,
	"guest_user_id" text NOT NULL,
	"guest_email" text,
	"guest_display_name" text,
	"target_id" text,
	"target_name" text,
	"history_id" uuid,
	"job_id" uuid,
	"request_id" text,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guest_changes_kind_check" CHECK ("guest_changes"."kind" in ('group_member_add', 'guest_delete', 'guest_restore', 'sponsor_add', 'sponsor_remove')),
	CONSTRAINT "guest_changes_outcome_check" CHECK ("guest_changes"."outcome" in ('pending', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "guest_changes_created_idx" ON "guest_changes" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "guest_changes_actor_created_idx" ON "guest_changes" USING btree ("actor_oid","created_at","id");--> statement-breakpoint
CREATE INDEX "guest_changes_guest_idx" ON "guest_changes" USING btree ("guest_user_id","created_at");--> statement-breakpoint
CREATE INDEX "guest_changes_history_idx" ON "guest_changes" USING btree ("history_id");--> statement-breakpoint
CREATE INDEX "guest_changes_job_idx" ON "guest_changes" USING btree ("job_id");