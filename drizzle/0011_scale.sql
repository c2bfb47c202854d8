CREATE TABLE "maintenance_runs" (
	"task" text PRIMARY KEY NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "users_team_idx";--> statement-breakpoint
DROP INDEX "users_state_idx";--> statement-breakpoint
CREATE INDEX "email_outbox_unscrubbed_idx" ON "email_outbox" USING btree ("sent_at") WHERE "email_outbox"."status" = 'sent' and "email_outbox"."recipient" <> '';--> statement-breakpoint
CREATE INDEX "sign_in_throttle_account_pause_idx" ON "sign_in_throttle" USING btree ("locked_until") WHERE "sign_in_throttle"."scope" = 'account';--> statement-breakpoint
CREATE INDEX "users_name_order_idx" ON "users" USING btree (lower("name"),"email");--> statement-breakpoint
CREATE INDEX "users_created_order_idx" ON "users" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_last_sign_in_order_idx" ON "users" USING btree (coalesce("last_sign_in_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "users_state_name_order_idx" ON "users" USING btree ("state",lower("name"),"email");--> statement-breakpoint
CREATE INDEX "users_state_created_order_idx" ON "users" USING btree ("state","created_at","id");--> statement-breakpoint
CREATE INDEX "users_state_last_sign_in_order_idx" ON "users" USING btree ("state",coalesce("last_sign_in_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "users_team_name_order_idx" ON "users" USING btree ("team_id",lower("name"),"email");--> statement-breakpoint
CREATE INDEX "users_team_created_order_idx" ON "users" USING btree ("team_id","created_at","id");--> statement-breakpoint
CREATE INDEX "users_team_last_sign_in_order_idx" ON "users" USING btree ("team_id",coalesce("last_sign_in_at", '-infinity'::timestamptz),"id");