/**
 * `npm run worker`: delivers the email outbox outside the web process. Run as many as you like
 * against PostgreSQL (they share the work); set EMAIL_DISPATCHER=false on the web processes.
 */
import { closeDb, getDbHandle } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { startDispatcher } from '@/lib/email/dispatcher';
import { env } from '@/lib/env';
import { watchPublishedTranslations } from '@/lib/i18n/message-source';

try {
  const config = env();
  await applyMigrations(getDbHandle(), config.DATABASE_URL);
  // The emails it renders carry the words published on any instance.
  await watchPublishedTranslations();
  const dispatcher = await startDispatcher();
  console.log(`Email worker running (transport: ${config.EMAIL_TRANSPORT}). Ctrl-C to stop.`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await dispatcher.stop();
      await closeDb();
      process.exit(0);
    });
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await closeDb();
  process.exit(1);
}
