import 'server-only';
import { deleteDeadChallenges } from '@/lib/db/challenges';
import { deleteExpiredSpentChallenges } from '@/lib/db/passkeys';
import { deleteDeadSessions } from '@/lib/db/sessions';
import { deleteExpiredFlows } from '@/lib/db/sso';
import { deleteStaleThrottleRows } from '@/lib/db/throttle';
import { deleteStaleTokens } from '@/lib/db/tokens';
import { env } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { countedJob } from '@/lib/observability/metrics';

const EVERY_MS = 60 * 60 * 1000;

/** Deletes rows nothing can use any more, so tables stay the size of what is alive. */
export async function pruneDeadRows() {
  return {
    sessions: await deleteDeadSessions(env().SESSION_IDLE_MINUTES),
    tokens: await deleteStaleTokens(),
    throttle: await deleteStaleThrottleRows(),
    challenges: await deleteDeadChallenges(),
    passkeyChallenges: await deleteExpiredSpentChallenges(),
    companySignInTrips: await deleteExpiredFlows(),
  };
}

/**
 * Hourly in every server process. The deletes are idempotent, so several instances running
 * them at once only repeat each other's work.
 */
export function startMaintenance(): () => void {
  const run = () =>
    countedJob('maintenance', pruneDeadRows, (pruned) => Object.values(pruned).reduce((sum, count) => sum + count, 0)).catch((error: unknown) => {
      logger.error({ err: error, job: 'maintenance' }, 'pruning failed');
    });
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
