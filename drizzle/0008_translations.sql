CREATE TYPE "public"."translation_change_kind" AS ENUM('draft', 'publish', 'revert', 'rollback', 'import', 'discard');--> statement-breakpoint
CREATE TABLE "translation_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"locale" "locale" NOT NULL,
	"key" text NOT NULL,
	"kind" "translation_change_kind" NOT NULL,
	"old_value" text,
	"new_value" text,
	"actor_user_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "translation_overrides" (
	"locale" "locale" NOT NULL,
	"key" text NOT NULL,
	"published" text,
	"draft" text,
	"source_hash" text,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "translation_overrides_locale_key_pk" PRIMARY KEY("locale","key")
);
--> statement-breakpoint
CREATE TABLE "translation_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "translation_changes" ADD CONSTRAINT "translation_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "translation_overrides" ADD CONSTRAINT "translation_overrides_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "translation_changes_key_idx" ON "translation_changes" USING btree ("locale","key","id");--> statement-breakpoint
INSERT INTO "translation_state" ("id", "version") VALUES (1, 0);
