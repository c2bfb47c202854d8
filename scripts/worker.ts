/**
 * `npm run worker`: delivers the email outbox and runs background jobs outside the web process.
 * Run as many as you like against PostgreSQL (they share the work); set EMAIL_DISPATCHER=false
 * and JOB_RUNNER=false on the web processes.
 */
import { closeDb, getDbHandle } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { startDispatcher } from '@/lib/email/dispatcher';
import { env } from '@/lib/env';
import { watchPublishedTranslations } from '@/lib/i18n/message-source';
import { startJobs, stopJobs } from '@/lib/jobs/process-runner';

try {
  const config = env();
  await applyMigrations(getDbHandle(), config.DATABASE_URL);
  // The emails it renders carry the words published on any instance.
  await watchPublishedTranslations();
  const dispatcher = await startDispatcher();
  await startJobs();
  console.log(`Worker running: email (transport: ${config.EMAIL_TRANSPORT}) and jobs. Ctrl-C to stop.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      // A job hands its current chunk's work back to the other instances before the exit.
      await Promise.all([dispatcher.stop(), stopJobs()]);
      await closeDb();
      process.exit(0);
    });
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await closeDb();
  process.exit(1);
}
