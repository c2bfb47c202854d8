/**
 * `npm run worker` (node dist/worker.mjs in the image): runs the background jobs (emails,
 * emailed-link requests, admin jobs, pruning) outside the web process. Run as many as you like
 * against PostgreSQL (they share the work); set JOB_RUNNER=false on the web processes. SIGTERM
 * lets the email being sent go out first and hands a job back after its current chunk.
 */
import { startJobs, stopJobs } from '@/lib/background-jobs';
import { closeDb, getDbHandle } from '@/lib/db/client';
import { applyMigrations, requireCurrentSchema } from '@/lib/db/migrate';
import { env, productionProblems } from '@/lib/env';
import { startMetricsServer } from '@/lib/http-server/probes';
import { watchPublishedTranslations } from '@/lib/messages/message-source';
import { logger } from '@/lib/observability/logger';
import { registerScrapeMetrics } from '@/lib/observability/metrics-endpoint';

try {
  const problems = productionProblems(process.env);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const config = env();
  if (config.MIGRATE_ON_START) await applyMigrations(getDbHandle(), config.DATABASE_URL);
  else await requireCurrentSchema(getDbHandle());
  // The emails it renders carry the words published on any instance.
  const stopWatching = await watchPublishedTranslations();
  await startJobs();
  if (config.METRICS_PORT) registerScrapeMetrics();
  const metrics = config.METRICS_PORT ? startMetricsServer(config.METRICS_PORT, config.HOST) : undefined;
  logger.info(`Worker running: email (transport: ${config.EMAIL_TRANSPORT}) and jobs. Ctrl-C to stop.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      logger.info({ signal }, 'stopping: finishing the email being sent and the current job chunk');
      // A job hands its current chunk's work back to the other instances before the exit.
      await stopJobs();
      await stopWatching();
      metrics?.close();
      await closeDb();
      logger.info('stopped');
      process.exit(0);
    });
  }
} catch (error) {
  logger.fatal(`The email worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  await closeDb();
  process.exit(1);
}
