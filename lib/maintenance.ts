import 'server-only';
import { sql } from 'drizzle-orm';
import { deleteExpiredAuditEvents } from '@/lib/db/audit';
import { deleteDeadChallenges } from '@/lib/db/challenges';
import { db, getDbHandle } from '@/lib/db/client';
import { deleteFinishedJobs } from '@/lib/db/jobs';
import { scrubSentEmails } from '@/lib/db/outbox';
import { deleteExpiredSpentChallenges } from '@/lib/db/passkeys';
import { rowsOf } from '@/lib/db/row-count';
import { maintenanceRuns } from '@/lib/db/schema';
import { deleteDeadSessions } from '@/lib/db/sessions';
import { deleteExpiredFlows } from '@/lib/db/sso';
import { clearPastPauseCopies, deleteStaleThrottleRows } from '@/lib/db/throttle';
import { deleteStaleTokens } from '@/lib/db/tokens';
import { env } from '@/lib/env';
import type { JobDefinition, Schedule } from '@/lib/jobs/runner';

const TASK = 'prune';
// Finished jobs are kept a month for the people who ran them to read; dead ones until looked at.
const FINISHED_JOB_DAYS = 30;
// An instance whose timer fires a little early still finds the last run recent.
const RECENT = sql`now() - interval '55 minutes'`;
export const PRUNE_LOCK = 7351946202;

/** Deletes rows nothing can use any more, and what is kept no longer than the retention says. */
export async function pruneDeadRows() {
  return {
    sessions: await deleteDeadSessions(env().SESSION_IDLE_MINUTES),
    tokens: await deleteStaleTokens(),
    throttle: await deleteStaleThrottleRows(),
    pastPauses: await clearPastPauseCopies(),
    challenges: await deleteDeadChallenges(),
    passkeyChallenges: await deleteExpiredSpentChallenges(),
    companySignInTrips: await deleteExpiredFlows(),
    auditEvents: (await deleteExpiredAuditEvents(env().AUDIT_RETENTION_DAYS)).deleted,
    scrubbedEmails: await scrubSentEmails(),
    jobs: await deleteFinishedJobs(FINISHED_JOB_DAYS),
  };
}

/**
 * Prunes once an hour for the whole cluster: the instance that takes the advisory lock checks
 * when the last run finished, by any instance, and runs only when it is an hour old. Others
 * skip (undefined). A run cut short by a crash is done again at the next hour.
 */
export async function pruneOncePerCluster() {
  return getDbHandle().withClusterLock(PRUNE_LOCK, async () => {
    const [recent] = await rowsOf(sql`select 1 from ${maintenanceRuns} where ${maintenanceRuns.task} = ${TASK} and ${maintenanceRuns.finishedAt} > ${RECENT}`, db());
    if (recent) return undefined;
    const pruned = await pruneDeadRows();
    await db()
      .insert(maintenanceRuns)
      .values({ task: TASK, finishedAt: sql`now()` })
      .onConflictDoUpdate({ target: maintenanceRuns.task, set: { finishedAt: sql`now()` } });
    return pruned;
  });
}

/**
 * The hourly pruning, a scheduled job: its schedule queues one job an hour for the whole
 * cluster, and pruneOncePerCluster's lock and record keep a job that a runner took over (or a
 * late one) from pruning again within the hour.
 */
export const pruneJob: JobDefinition = {
  queue: 'maintenance.prune',
  async run() {
    const pruned = await pruneOncePerCluster();
    return { result: pruned ?? { skipped: true }, items: pruned ? Object.values(pruned).reduce((sum, count) => sum + count, 0) : 0 };
  },
};

export const pruneSchedule: Schedule = { queue: pruneJob.queue, everySeconds: 60 * 60 };
