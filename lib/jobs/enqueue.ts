import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { insertJob, type NewJob } from '@/lib/db/jobs';

export const JOBS_CHANNEL = 'sesame_jobs';

/**
 * Queues a job inside the caller's transaction: if it rolls back, the job never existed; once
 * it commits, the NOTIFY (held by PostgreSQL until then) wakes every runner. With an
 * idempotency key, a second enqueue of the same key is ignored and answers null.
 */
export async function enqueueJob(tx: Executor, job: NewJob): Promise<string | null> {
  const id = await insertJob(job, tx);
  if (id) await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, '')`);
  return id;
}
