import 'server-only';
import { bulkUsersJob } from '@/lib/admin/bulk-users';
import { importUsersJob } from '@/lib/admin/import-users';
import { deliverEmailJob } from '@/lib/email/delivery';
import { env } from '@/lib/env';
import { startJobRunner, type JobDefinition, type JobRunner, type Schedule } from '@/lib/jobs/runner';
import { pruneJob, pruneSchedule } from '@/lib/maintenance';
import { recoveryRequestJob } from '@/lib/recovery/request-email';

/**
 * Every kind of job, with the domain code that runs it, in two lanes that each run one job at a
 * time: a person waits for a reset link, so it must not queue behind a bulk job's thousands of
 * accounts or an hour's pruning.
 */
function lanes(): Array<{ definitions: JobDefinition[]; schedules: Schedule[] }> {
  return [
    { definitions: [recoveryRequestJob, deliverEmailJob()], schedules: [] },
    { definitions: [bulkUsersJob, importUsersJob, pruneJob], schedules: [pruneSchedule] },
  ];
}

const holder = globalThis as unknown as { sesameJobRunners?: JobRunner[] };

/** Starts this process's job runners (the server's and `npm run worker`'s), once. */
export async function startJobs(): Promise<void> {
  if (holder.sesameJobRunners) return;
  const config = env();
  holder.sesameJobRunners = await Promise.all(
    lanes().map((lane) => startJobRunner({ ...lane, leaseSeconds: config.JOB_LEASE_SECONDS, pollSeconds: config.JOB_POLL_SECONDS })),
  );
}

/** For shutdown: the email or chunk under way finishes, its job goes back in line for another instance. */
export async function stopJobs(): Promise<void> {
  const runners = holder.sesameJobRunners ?? [];
  holder.sesameJobRunners = undefined;
  await Promise.all(runners.map((runner) => runner.stop()));
}
