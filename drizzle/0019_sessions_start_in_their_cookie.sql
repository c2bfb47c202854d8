-- A session now starts in the request that puts it into its cookie, so there is no one-time
-- grant left to spend (lib/db/sessions.ts). A row never claimed has no cookie anywhere: it goes.
DELETE FROM "sessions" WHERE "claimed_at" IS NULL;--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN "claimed_at";
