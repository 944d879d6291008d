CREATE TABLE "invitation_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"attempt_count" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text,
	"inviter_oid" text NOT NULL,
	"inviter_name" text,
	"inviter_upn" text,
	"guest_email" text NOT NULL,
	"guest_display_name" text,
	"guest_user_id" text,
	"user_type" text NOT NULL,
	"redirect_url" text NOT NULL,
	"message_language" text,
	"custom_message" text,
	"cc_recipient" text,
	"sponsor_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"send_invitation_message" boolean NOT NULL,
	"invitation_id" text,
	"redeem_url" text,
	"graph_status" text,
	"request_id" text,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitation_history_kind_check" CHECK ("invitation_history"."kind" in ('single', 'regenerate_link', 'resend', 'reset_redemption', 'bulk')),
	CONSTRAINT "invitation_history_outcome_check" CHECK ("invitation_history"."outcome" in ('pending', 'succeeded', 'failed')),
	CONSTRAINT "invitation_history_user_type_check" CHECK ("invitation_history"."user_type" in ('Guest', 'Member'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invitation_history_idempotency_idx" ON "invitation_history" USING btree ("inviter_oid","idempotency_key");--> statement-breakpoint
CREATE INDEX "invitation_history_created_idx" ON "invitation_history" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "invitation_history_inviter_created_idx" ON "invitation_history" USING btree ("inviter_oid","created_at","id");--> statement-breakpoint
CREATE INDEX "invitation_history_guest_updated_idx" ON "invitation_history" USING btree ("guest_user_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "invitation_history_email_prefix_idx" ON "invitation_history" USING btree (lower("guest_email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "invitation_history_name_prefix_idx" ON "invitation_history" USING btree (lower("guest_display_name") text_pattern_ops);