CREATE TYPE "public"."recovery_request_kind" AS ENUM('password_reset', 'magic_link', 'activation');--> statement-breakpoint
CREATE TYPE "public"."throttle_scope" AS ENUM('account', 'device', 'identifier', 'address', 'recovery_address');--> statement-breakpoint
CREATE TYPE "public"."token_revocation" AS ENUM('superseded', 'security_answers', 'password_changed');--> statement-breakpoint
CREATE TABLE "recovery_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "recovery_request_kind" NOT NULL,
	"sealed_subject" text NOT NULL,
	"locale" "locale" NOT NULL,
	"ip" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_tokens" ADD COLUMN "revoked_because" "token_revocation";--> statement-breakpoint
-- Counters were keyed by what people typed, in clear. They cannot be re-keyed here (the HMAC
-- key lives in the environment, not the database) and last an hour at most: they start afresh.
-- The lock keeps an instance of the previous version from adding a row in between.
LOCK TABLE "sign_in_throttle" IN ACCESS EXCLUSIVE MODE;--> statement-breakpoint
DELETE FROM "sign_in_throttle";--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ADD COLUMN "scope" "throttle_scope" NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ADD COLUMN "user_id" uuid;--> statement-breakpoint
CREATE INDEX "recovery_requests_due_idx" ON "recovery_requests" USING btree ("next_attempt_at");--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ADD CONSTRAINT "sign_in_throttle_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_throttle_user_idx" ON "sign_in_throttle" USING btree ("user_id","scope");
