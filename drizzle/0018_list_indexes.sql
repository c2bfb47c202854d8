ALTER TABLE "users" ADD COLUMN "sign_in_paused_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "users_paused_name_order_idx" ON "users" USING btree (lower("name"),"email") WHERE "users"."sign_in_paused_until" is not null;--> statement-breakpoint
CREATE INDEX "users_paused_created_order_idx" ON "users" USING btree ("created_at","id") WHERE "users"."sign_in_paused_until" is not null;--> statement-breakpoint
CREATE INDEX "users_paused_last_sign_in_order_idx" ON "users" USING btree (coalesce("last_sign_in_at", '-infinity'::timestamptz),"id") WHERE "users"."sign_in_paused_until" is not null;--> statement-breakpoint
CREATE INDEX "users_email_local_reversed_idx" ON "users" USING btree (reverse(lower(split_part("email", '@', 1))) text_pattern_ops);--> statement-breakpoint
-- users.sign_in_paused_until mirrors the live account pause of sign_in_throttle, kept by the
-- database so that no writer of the throttle (the sign-in, a reset, an unlock, a seed) can leave
-- it behind. A pause set copies its end; a live pause lifted clears it; a pause that simply ran
-- out keeps its past time until the pruning clears it (lib/db/throttle.ts), in a statement of its
-- own. Lock order: the attempt that sets a pause holds the counter, then the account; so
-- transactions that lift pauses and change the account lift them first (a reset, a new password),
-- and the pruning, which deletes many run-out counters, leaves the accounts alone.
CREATE FUNCTION sign_in_pause_mirror() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE users SET sign_in_paused_until = NULL WHERE id = OLD.user_id AND sign_in_paused_until IS NOT NULL;
  ELSE
    UPDATE users SET sign_in_paused_until = NEW.locked_until WHERE id = NEW.user_id AND sign_in_paused_until IS DISTINCT FROM NEW.locked_until;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER sign_in_pause_set AFTER INSERT ON sign_in_throttle FOR EACH ROW
  WHEN (NEW.scope = 'account' AND NEW.locked_until IS NOT NULL) EXECUTE FUNCTION sign_in_pause_mirror();--> statement-breakpoint
CREATE TRIGGER sign_in_pause_changed AFTER UPDATE OF locked_until ON sign_in_throttle FOR EACH ROW
  WHEN (NEW.scope = 'account' AND NEW.locked_until IS DISTINCT FROM OLD.locked_until AND (NEW.locked_until IS NOT NULL OR OLD.locked_until > now()))
  EXECUTE FUNCTION sign_in_pause_mirror();--> statement-breakpoint
CREATE TRIGGER sign_in_pause_lifted AFTER DELETE ON sign_in_throttle FOR EACH ROW
  WHEN (OLD.scope = 'account' AND OLD.locked_until > now()) EXECUTE FUNCTION sign_in_pause_mirror();--> statement-breakpoint
UPDATE users SET sign_in_paused_until = t.locked_until FROM sign_in_throttle t
  WHERE t.user_id = users.id AND t.scope = 'account' AND t.locked_until > now();
