import 'server-only';
import { getDbHandle } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { startDispatcher } from '@/lib/email/dispatcher';
import { env } from '@/lib/env';
import { watchPublishedTranslations } from '@/lib/i18n/message-source';
import { startJobs } from '@/lib/jobs/process-runner';
import { startMaintenance } from '@/lib/maintenance';
import { peerHeader } from '@/lib/network/request-address';
import { formatDemoAccounts, seedDemoAccounts } from '@/lib/users/demo-accounts';

/** Runs once when the server process starts: schema up to date, demo data on a fresh laptop. */
export async function startServer(): Promise<void> {
  try {
    await prepare();
  } catch (error) {
    // A bad environment or an unreachable database: say so plainly and stop, rather than serve errors.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

async function prepare(): Promise<void> {
  const config = env();
  if (!peerHeader()) {
    console.warn(
      'Warning: started without scripts/server.mjs (npm start), so client addresses are unknown: ' +
        'no per-address sign-in limit, no addresses in the audit log, and the development mailbox is closed.',
    );
  }
  await applyMigrations(getDbHandle(), config.DATABASE_URL);
  if (config.embedded && config.SEED_DEMO) {
    const seeded = await seedDemoAccounts();
    if (seeded.length > 0) console.log(`\n${formatDemoAccounts(seeded)}\n`);
  }
  await watchPublishedTranslations();
  if (config.EMAIL_DISPATCHER) await startDispatcher();
  if (config.JOB_RUNNER) await startJobs();
  startMaintenance();
}
