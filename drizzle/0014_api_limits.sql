ALTER TYPE "public"."throttle_scope" ADD VALUE 'api_key';--> statement-breakpoint
ALTER TYPE "public"."throttle_scope" ADD VALUE 'api_address';