import 'server-only';
import { closeDb, getDbHandle } from '@/lib/db/client';
import { applyMigrations, requireCurrentSchema } from '@/lib/db/migrate';
import { startDispatcher } from '@/lib/email/dispatcher';
import { env } from '@/lib/env';
import { messagesFor, watchPublishedTranslations } from '@/lib/i18n/message-source';
import { startJobs, stopJobs } from '@/lib/jobs/process-runner';
import { startMaintenance } from '@/lib/maintenance';
import { logger } from '@/lib/observability/logger';
import { formatDemoAccounts, seedDemoAccounts } from '@/lib/users/demo-accounts';

export interface RunningServices {
  /** Stops the background work (the dispatcher once its current pass is done), then closes the database. */
  stop(): Promise<void>;
}

/**
 * What a server process runs besides answering requests, started before it listens: the schema
 * brought up to date (or, with MIGRATE_ON_START=false, checked), demo data on a fresh laptop,
 * the catalogue with its published translations, the email dispatcher and hourly maintenance.
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
  const dispatcher = config.EMAIL_DISPATCHER ? await startDispatcher() : undefined;
  if (config.JOB_RUNNER) await startJobs();
  const stopMaintenance = startMaintenance();
  return {
    async stop() {
      stopMaintenance();
      // A job hands its current chunk back to the other instances before the pool closes.
      await Promise.all([dispatcher?.stop(), config.JOB_RUNNER ? stopJobs() : undefined]);
      await stopWatching();
      await closeDb();
    },
  };
}
