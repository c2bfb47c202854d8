import 'server-only';
import { sql } from 'drizzle-orm';
import { deleteExpiredAuditEvents } from '@/lib/db/audit';
import { deleteDeadChallenges } from '@/lib/db/challenges';
import { db, getDbHandle } from '@/lib/db/client';
import { scrubSentEmails } from '@/lib/db/outbox';
import { deleteExpiredSpentChallenges } from '@/lib/db/passkeys';
import { rowsOf } from '@/lib/db/row-count';
import { maintenanceRuns } from '@/lib/db/schema';
import { deleteDeadSessions } from '@/lib/db/sessions';
import { deleteExpiredFlows } from '@/lib/db/sso';
import { deleteStaleThrottleRows } from '@/lib/db/throttle';
import { deleteStaleTokens } from '@/lib/db/tokens';
import { env } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { countedJob } from '@/lib/observability/metrics';

const EVERY_MS = 60 * 60 * 1000;
const TASK = 'prune';
// An instance whose timer fires a little early still finds the last run recent.
const RECENT = sql`now() - interval '55 minutes'`;
export const PRUNE_LOCK = 7351946202;

/** Deletes rows nothing can use any more, and what is kept no longer than the retention says. */
export async function pruneDeadRows() {
  return {
    sessions: await deleteDeadSessions(env().SESSION_IDLE_MINUTES),
    tokens: await deleteStaleTokens(),
    throttle: await deleteStaleThrottleRows(),
    challenges: await deleteDeadChallenges(),
    passkeyChallenges: await deleteExpiredSpentChallenges(),
    companySignInTrips: await deleteExpiredFlows(),
    auditEvents: (await deleteExpiredAuditEvents(env().AUDIT_RETENTION_DAYS)).deleted,
    scrubbedEmails: await scrubSentEmails(),
  };
}

/**
 * Prunes once an hour for the whole cluster: the instance that takes the advisory lock checks
 * when the last run finished, by any instance, and runs only when it is an hour old. Others
 * skip (undefined). A run cut short by a crash is done again at the next hour.
 */
export async function pruneOncePerCluster() {
  return getDbHandle().withClusterLock(PRUNE_LOCK, async () => {
    const [recent] = await rowsOf(db(), sql`select 1 from ${maintenanceRuns} where ${maintenanceRuns.task} = ${TASK} and ${maintenanceRuns.finishedAt} > ${RECENT}`);
    if (recent) return undefined;
    const pruned = await pruneDeadRows();
    await db()
      .insert(maintenanceRuns)
      .values({ task: TASK, finishedAt: sql`now()` })
      .onConflictDoUpdate({ target: maintenanceRuns.task, set: { finishedAt: sql`now()` } });
    return pruned;
  });
}

/** Hourly in every server process; pruneOncePerCluster makes it one run an hour between them. */
export function startMaintenance(): () => void {
  const run = () =>
    countedJob('maintenance', pruneOncePerCluster, (pruned) => (pruned ? Object.values(pruned).reduce((sum, count) => sum + count, 0) : 0)).catch((error: unknown) => {
      logger.error({ err: error, job: 'maintenance' }, 'pruning failed');
    });
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
