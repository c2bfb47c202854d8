import 'server-only';
import { startJobs, stopJobs } from '@/lib/background-jobs';
import { closeDb, getDbHandle } from '@/lib/db/client';
import { applyMigrations, requireCurrentSchema } from '@/lib/db/migrate';
import { env } from '@/lib/env';
import { messagesFor, watchPublishedTranslations } from '@/lib/messages/message-source';
import { logger } from '@/lib/observability/logger';
import { formatDemoAccounts, seedDemoAccounts } from '@/lib/users/demo-accounts';

export interface RunningServices {
  /** Stops the background work (each runner once its current email or chunk is done), then closes the database. */
  stop(): Promise<void>;
}

/**
 * What a server process runs besides answering requests, started before it listens: the schema
 * brought up to date (or, with MIGRATE_ON_START=false, checked), demo data on a fresh laptop,
 * the catalogue with its published translations, and the job runners (emails, emailed-link
 * requests, admin jobs, hourly pruning).
 * Throws when the process must not serve (a bad environment, an unreachable database, a schema
 * behind this build).
 */
export async function startServices(): Promise<RunningServices> {
  const config = env();
  const handle = getDbHandle();
  if (config.MIGRATE_ON_START) await applyMigrations(handle, config.DATABASE_URL);
  else await requireCurrentSchema(handle);
  if (config.embedded && config.SEED_DEMO) {
    const seeded = await seedDemoAccounts();
    if (seeded.length > 0) logger.info(`Demo accounts created:\n\n${formatDemoAccounts(seeded)}\n`);
  }
  const stopWatching = await watchPublishedTranslations();
  // Loaded now, so that the first page does not wait for it and readiness can report it.
  await messagesFor('en');
  if (config.JOB_RUNNER) await startJobs();
  return {
    async stop() {
      // A job hands its current chunk back to the other instances before the pool closes.
      if (config.JOB_RUNNER) await stopJobs();
      await stopWatching();
      await closeDb();
    },
  };
}
