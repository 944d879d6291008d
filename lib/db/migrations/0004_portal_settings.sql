CREATE TABLE "portal_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by_oid" text NOT NULL,
	"updated_by_name" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stale_digest_guests" (
	"run_id" uuid NOT NULL,
	"guest_user_id" text NOT NULL,
	"email" text,
	"display_name" text NOT NULL,
	"invited_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stale_digest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso_week" text NOT NULL,
	"inviter_oid" text NOT NULL,
	"policy_revision" integer NOT NULL,
	"older_than_days" integer NOT NULL,
	"status" text DEFAULT 'computing' NOT NULL,
	"lease_expires_at" timestamp (3) with time zone,
	"computed_at" timestamp (3) with time zone,
	"dismissed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stale_digest_runs_status_check" CHECK ("stale_digest_runs"."status" in ('computing', 'ready'))
);
--> statement-breakpoint
ALTER TABLE "stale_digest_guests" ADD CONSTRAINT "stale_digest_guests_run_id_stale_digest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."stale_digest_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stale_digest_guests_run_guest_idx" ON "stale_digest_guests" USING btree ("run_id","guest_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stale_digest_runs_week_inviter_idx" ON "stale_digest_runs" USING btree ("iso_week","inviter_oid","policy_revision");--> statement-breakpoint
CREATE INDEX "stale_digest_runs_created_idx" ON "stale_digest_runs" USING btree ("created_at");