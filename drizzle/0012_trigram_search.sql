-- Substring search (the users list, the audit log's actor and target) is `ILIKE '%…%'`, which no
-- b-tree index serves: pg_trgm's GIN indexes do. PostgreSQL ships pg_trgm as a trusted extension
-- (the database's owner may create it) and the embedded database loads it too; where it cannot
-- be created, the same searches run without these indexes, with the same results, only slower.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm could not be created (%): searches will scan the users table', SQLERRM;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS users_name_trgm_idx ON users USING gin (name gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS users_email_trgm_idx ON users USING gin (email gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS users_username_trgm_idx ON users USING gin (username gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS users_phone_trgm_idx ON users USING gin (phone gin_trgm_ops);
  END IF;
END $$;
--> statement-breakpoint
-- A search's selectivity is read from these columns' statistics: with the default 100 sampled
-- values, a rare number or name can look a hundred times commoner than it is, and PostgreSQL
-- then walks the list's order looking for it instead of asking the trigram index.
ALTER TABLE users ALTER COLUMN name SET STATISTICS 1000, ALTER COLUMN email SET STATISTICS 1000,
  ALTER COLUMN username SET STATISTICS 1000, ALTER COLUMN phone SET STATISTICS 1000;
