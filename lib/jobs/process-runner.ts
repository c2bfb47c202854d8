import 'server-only';
import { activeJobs } from '@/lib/db/jobs';
import { env } from '@/lib/env';
import { registeredJobs, scheduledJobs } from './registered';
import { startJobRunner, type JobRunner, type RunningJob } from './runner';

const holder = globalThis as unknown as { sesameJobRunner?: JobRunner };

/** Starts this process's job runner (the server's and `npm run worker`'s), once. */
export async function startJobs(): Promise<JobRunner> {
  if (!holder.sesameJobRunner) {
    const config = env();
    holder.sesameJobRunner = await startJobRunner({
      definitions: registeredJobs(),
      schedules: scheduledJobs,
      leaseSeconds: config.JOB_LEASE_SECONDS,
      pollSeconds: config.JOB_POLL_SECONDS,
    });
  }
  return holder.sesameJobRunner;
}

/** For shutdown: the current chunk finishes, its job goes back in line for another instance. */
export async function stopJobs(): Promise<void> {
  const runner = holder.sesameJobRunner;
  holder.sesameJobRunner = undefined;
  await runner?.stop();
}

/** For metrics: what this process is working on, and what the whole cluster has waiting or running. */
export async function jobProgress(): Promise<{ here: RunningJob | null; cluster: Awaited<ReturnType<typeof activeJobs>> }> {
  return { here: holder.sesameJobRunner?.current() ?? null, cluster: await activeJobs() };
}
