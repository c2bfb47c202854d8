ALTER TYPE "public"."challenge_kind" ADD VALUE 'password_change';--> statement-breakpoint
ALTER TYPE "public"."throttle_scope" ADD VALUE 'second_factor';--> statement-breakpoint
ALTER TYPE "public"."throttle_scope" ADD VALUE 'second_factor_email';--> statement-breakpoint
ALTER TYPE "public"."token_revocation" ADD VALUE 'email_change_cancelled';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_pending_since" timestamp with time zone;