-- What was waiting in the two old queues keeps its turn and its tries as jobs.
INSERT INTO "jobs" ("queue", "payload", "idempotency_key", "attempts", "run_at", "created_at")
SELECT 'email.deliver', jsonb_build_object('emailId', "id"), 'email.deliver:' || "id", "attempts", "next_attempt_at", "created_at"
FROM "email_outbox" WHERE "status" = 'pending';--> statement-breakpoint
INSERT INTO "jobs" ("queue", "payload", "attempts", "run_at", "created_at")
SELECT 'recovery.request', jsonb_build_object('kind', "kind", 'sealedSubject', "sealed_subject", 'locale', "locale", 'ip', "ip"), "attempts", "next_attempt_at", "created_at"
FROM "recovery_requests";--> statement-breakpoint
ALTER TABLE "recovery_requests" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "recovery_requests" CASCADE;--> statement-breakpoint
DROP INDEX "email_outbox_due_idx";--> statement-breakpoint
ALTER TABLE "email_outbox" DROP COLUMN "next_attempt_at";--> statement-breakpoint
DROP TYPE "public"."recovery_request_kind";
