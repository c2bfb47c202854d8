import { closeDb, getDbHandle } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { env } from '@/lib/env';

try {
  await applyMigrations(getDbHandle(), env().DATABASE_URL);
  console.log('Migrations applied.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
