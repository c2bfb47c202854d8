import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { jobItems, jobs } from './schema';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  queue: string;
  payload?: Record<string, unknown>;
  idempotencyKey?: string | null;
  maxAttempts?: number;
  runAt?: Date;
  createdBy?: string | null;
  total?: number | null;
}

/** The new job's id, or null when a job with the same idempotency key already exists. */
export async function insertJob(job: NewJob, executor: Executor): Promise<string | null> {
  const rows = await executor
    .insert(jobs)
    .values({
      queue: job.queue,
      payload: job.payload ?? {},
      idempotencyKey: job.idempotencyKey ?? null,
      maxAttempts: job.maxAttempts,
      runAt: job.runAt,
      createdBy: job.createdBy ?? null,
      total: job.total ?? null,
    })
    .onConflictDoNothing({ target: jobs.idempotencyKey })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/**
 * Claims the next due job of `queues` for `runner`: one waiting its turn, or one whose lease
 * ran out (its runner died). Rows another runner is claiming or working in (a chunk holds the
 * row's lock) are skipped, so no two runners ever hold one job.
 */
export async function claimNextJob(queues: string[], runner: string, leaseSeconds: number, executor: Executor = db()) {
  if (queues.length === 0) return undefined;
  const due = sql`select ${jobs.id} from ${jobs}
    where ${inArray(jobs.queue, queues)}
      and ((${jobs.status} = 'queued' and ${jobs.runAt} <= now()) or (${jobs.status} = 'running' and ${jobs.leaseUntil} < now()))
    order by ${jobs.runAt}, ${jobs.id} limit 1 for update skip locked`;
  const [row] = await executor
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: runner,
      leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      startedAt: sql`coalesce(${jobs.startedAt}, now())`,
    })
    .where(sql`${jobs.id} = (${due})`)
    .returning();
  return row;
}

const held = (id: string, runner: string) => and(eq(jobs.id, id), eq(jobs.lockedBy, runner), eq(jobs.status, 'running'));

/**
 * Extends the runner's lease, if it still holds the job; false when it lost it. Inside a
 * transaction this also locks the row until commit, so nobody can take the job over meanwhile.
 */
export async function renewLease(id: string, runner: string, leaseSeconds: number, executor: Executor = db()): Promise<boolean> {
  const rows = await executor
    .update(jobs)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(held(id, runner))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export interface Progress {
  checkpoint?: Record<string, unknown> | null;
  processed?: number;
  failed?: number;
  total?: number | null;
}

/** Adds a chunk's counts and moves the checkpoint (in the chunk's transaction). */
export async function recordProgress(id: string, progress: Progress, executor: Executor) {
  await executor
    .update(jobs)
    .set({
      ...(progress.checkpoint !== undefined ? { checkpoint: progress.checkpoint } : {}),
      ...(progress.total !== undefined ? { total: progress.total } : {}),
      processed: sql`${jobs.processed} + ${progress.processed ?? 0}`,
      failed: sql`${jobs.failed} + ${progress.failed ?? 0}`,
    })
    .where(eq(jobs.id, id));
}

/** Done: kept with its result for people to read, or deleted with `forget`. */
export async function finishJob(id: string, runner: string, result: Record<string, unknown> | null, options: { forget: boolean } = { forget: false }, executor: Executor = db()) {
  const rows = options.forget
    ? await executor.delete(jobs).where(held(id, runner)).returning({ id: jobs.id })
    : await executor
        .update(jobs)
        .set({ status: 'done', result, finishedAt: sql`now()`, leaseUntil: null, lastError: null })
        .where(held(id, runner))
        .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Back in line after `delaySeconds`, or dead when `dead` (its last error kept for people to see,
 * or the row deleted with `forget`).
 */
export async function failJob(
  id: string,
  runner: string,
  error: string,
  outcome: { dead: boolean; delaySeconds: number; forget?: boolean },
  executor: Executor = db(),
) {
  if (outcome.dead && outcome.forget) {
    await executor.delete(jobs).where(held(id, runner));
    return;
  }
  await executor
    .update(jobs)
    .set(
      outcome.dead
        ? { status: 'dead', lastError: error, finishedAt: sql`now()`, leaseUntil: null }
        : { status: 'queued', lastError: error, runAt: sql`now() + make_interval(secs => ${outcome.delaySeconds})`, leaseUntil: null, lockedBy: null },
    )
    .where(held(id, runner));
}

/** A runner that stops hands the job back at once; the interruption does not count as a try. */
export async function releaseJob(id: string, runner: string, executor: Executor = db()) {
  await executor
    .update(jobs)
    .set({ status: 'queued', runAt: sql`now()`, leaseUntil: null, lockedBy: null, attempts: sql`greatest(${jobs.attempts} - 1, 0)` })
    .where(held(id, runner));
}

export async function findJob(id: string, executor: Executor = db()) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await executor.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/** The newest jobs of `queues`, those of one person only when `createdBy` is given. */
export async function listJobs(queues: string[], options: { createdBy?: string; limit: number }, executor: Executor = db()) {
  return executor
    .select()
    .from(jobs)
    .where(and(inArray(jobs.queue, queues), options.createdBy ? eq(jobs.createdBy, options.createdBy) : undefined))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(options.limit);
}

/** How many jobs of each queue are waiting or running (for metrics). */
export async function waitingJobsByQueue(executor: Executor = db()) {
  return executor
    .select({ queue: jobs.queue, count: sql<number>`count(*)::int` })
    .from(jobs)
    .where(inArray(jobs.status, ['queued', 'running']))
    .groupBy(jobs.queue);
}

/** Finished jobs older than `days` go, with their rows; dead ones stay until someone looks. */
export async function deleteFinishedJobs(days: number, executor: Executor = db()) {
  const rows = await executor
    .delete(jobs)
    .where(and(eq(jobs.status, 'done'), sql`${jobs.finishedAt} < now() - make_interval(days => ${days})`))
    .returning({ id: jobs.id });
  return rows.length;
}

export async function insertJobItems(jobId: string, items: Array<{ line: number; input: Record<string, unknown> }>, executor: Executor) {
  if (items.length === 0) return;
  await executor.insert(jobItems).values(items.map((item) => ({ jobId, line: item.line, input: item.input })));
}

/** The next rows still to handle, after `afterLine`. */
export async function nextJobItems(jobId: string, afterLine: number, limit: number, executor: Executor) {
  return executor
    .select({ line: jobItems.line, input: jobItems.input })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), gt(jobItems.line, afterLine), isNotNull(jobItems.input)))
    .orderBy(asc(jobItems.line))
    .limit(limit);
}

/** A handled row: its input is erased; its problems, if any, are kept; a row without any goes. */
export async function settleJobItem(jobId: string, line: number, problems: Array<{ field: string; code: string }> | null, executor: Executor) {
  const where = and(eq(jobItems.jobId, jobId), eq(jobItems.line, line));
  if (problems && problems.length > 0) await executor.update(jobItems).set({ input: null, problems }).where(where);
  else await executor.delete(jobItems).where(where);
}

/** Every row still waiting gets the same problem (the job cannot go on), its input erased. */
export async function refuseRemainingJobItems(jobId: string, problem: { field: string; code: string }, executor: Executor) {
  const rows = await executor
    .update(jobItems)
    .set({ input: null, problems: [problem] })
    .where(and(eq(jobItems.jobId, jobId), isNotNull(jobItems.input)))
    .returning({ line: jobItems.line });
  return rows.length;
}

export async function listJobProblems(jobId: string, limit: number, executor: Executor = db()) {
  return executor
    .select({ line: jobItems.line, problems: jobItems.problems })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), isNotNull(jobItems.problems)))
    .orderBy(asc(jobItems.line))
    .limit(limit);
}
