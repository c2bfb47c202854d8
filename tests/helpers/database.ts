import { beforeAll } from 'vitest';
import { getDbHandle } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { env } from '@/lib/env';

/** Call at the top of a `*.db.test.ts` file: a fresh, migrated database for that file. */
export function withMigratedDatabase(): void {
  beforeAll(async () => {
    await applyMigrations(getDbHandle(), env().DATABASE_URL);
  });
}
