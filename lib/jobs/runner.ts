import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { db, getDbHandle, type Tx } from '@/lib/db/client';
import { claimNextJob, failJob, finishJob, recordProgress, releaseJob, renewLease, type JobRow, type Progress } from '@/lib/db/jobs';
import { jobs } from '@/lib/db/schema';
import { retryDelaySeconds } from './backoff';
import { JOBS_CHANNEL } from './enqueue';

export interface JobContext {
  job: JobRow;
  /**
   * One transaction that first proves this runner still holds the job — and keeps anyone from
   * taking it over until it commits — then runs `work` and records the progress it reports.
   * A chunk's effects and its checkpoint therefore commit together or not at all: after a
   * crash the job resumes from the last checkpoint without doing anything twice. Throws
   * `LeaseLost` (and rolls back) when another runner has the job now.
   */
  step<T>(work: (tx: Tx) => Promise<{ value: T; progress: Progress }>): Promise<T>;
  /** True once the runner is stopping: a long job returns 'yielded' after its current chunk. */
  stopping(): boolean;
}

export type JobOutcome = { result?: Record<string, unknown> } | 'yielded';

export interface JobDefinition {
  queue: string;
  run(context: JobContext): Promise<JobOutcome>;
  /** The first retry's delay; it doubles with each try. */
  retryBaseSeconds?: number;
  /** After the last try failed: the job stays dead, and its owner may be told. */
  onDead?(job: JobRow, error: string): Promise<void>;
}

/** A job queued once per period for the whole cluster, whatever the number of runners. */
export interface Schedule {
  queue: string;
  everySeconds: number;
}

export interface JobRunnerOptions {
  definitions: JobDefinition[];
  schedules?: Schedule[];
  leaseSeconds?: number;
  pollSeconds?: number;
}

export interface RunningJob {
  id: string;
  queue: string;
  processed: number;
  failed: number;
  total: number | null;
}

export interface JobRunner {
  name: string;
  wake(): void;
  /** Finishes the current chunk, hands the job back for another instance, and stops. */
  stop(): Promise<void>;
  /** The job this runner is working on, with its counts (for metrics). */
  current(): RunningJob | null;
}

export class LeaseLost extends Error {
  constructor() {
    super('another runner holds this job now');
  }
}

const DEFAULT_LEASE_SECONDS = 30;
const DEFAULT_POLL_SECONDS = 5;
const DEFAULT_RETRY_BASE_SECONDS = 30;

function message(error: unknown): string {
  return (error instanceof Error ? error.message : 'unknown error').slice(0, 500);
}

/**
 * Runs due jobs of the registered queues, one at a time, in every process that starts it:
 * woken by NOTIFY when a job is queued and on an interval for retries, schedules and jobs left
 * behind by a runner that died (its lease runs out). The lease is renewed while a job runs; a
 * database outage only delays the next pass.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const name = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const definitions = new Map(options.definitions.map((definition) => [definition.queue, definition]));
  const queues = [...definitions.keys()];
  let running = false;
  let again = false;
  let stopped = false;
  let current: RunningJob | null = null;

  async function runOne(job: JobRow, definition: JobDefinition) {
    if (job.attempts > job.maxAttempts) {
      // Its runners kept dying (or losing the database) mid-job: give up rather than loop forever.
      const error = job.lastError ?? 'interrupted on every try';
      await failJob(job.id, name, error, { dead: true, delaySeconds: 0 });
      await definition.onDead?.(job, error);
      return;
    }
    current = { id: job.id, queue: job.queue, processed: job.processed, failed: job.failed, total: job.total };
    const heartbeat = setInterval(() => void renewLease(job.id, name, leaseSeconds).catch(() => {}), (leaseSeconds * 1000) / 3);
    heartbeat.unref();
    const context: JobContext = {
      job,
      stopping: () => stopped,
      step: (work) =>
        db().transaction(async (tx) => {
          if (!(await renewLease(job.id, name, leaseSeconds, tx))) throw new LeaseLost();
          const { value, progress } = await work(tx);
          await recordProgress(job.id, progress, tx);
          if (current) {
            current.processed += progress.processed ?? 0;
            current.failed += progress.failed ?? 0;
            if (progress.total !== undefined) current.total = progress.total;
          }
          return value;
        }),
    };
    try {
      const outcome = await definition.run(context);
      if (outcome === 'yielded') await releaseJob(job.id, name);
      else await finishJob(job.id, name, outcome.result ?? null);
    } catch (error) {
      if (error instanceof LeaseLost) return;
      const dead = job.attempts >= job.maxAttempts;
      const delaySeconds = retryDelaySeconds(job.attempts, definition.retryBaseSeconds ?? DEFAULT_RETRY_BASE_SECONDS);
      console.error(`[jobs] ${job.queue} job ${job.id} failed (try ${job.attempts} of ${job.maxAttempts}): ${message(error)}`);
      await failJob(job.id, name, message(error), { dead, delaySeconds });
      if (dead) await definition.onDead?.(job, message(error));
    } finally {
      clearInterval(heartbeat);
      current = null;
    }
  }

  async function queueScheduled() {
    for (const schedule of options.schedules ?? []) {
      // The slot is counted in the database's clock, so every instance agrees on it; its key
      // lets exactly one insert per slot through, cluster-wide.
      await db().execute(sql`insert into ${jobs} (queue, idempotency_key)
        values (${schedule.queue}, ${schedule.queue} || '@' || floor(extract(epoch from now()) / ${schedule.everySeconds})::bigint)
        on conflict (idempotency_key) do nothing`);
    }
  }

  const pass = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const job = await claimNextJob(queues, name, leaseSeconds);
        const definition = job && definitions.get(job.queue);
        if (job && definition) {
          await runOne(job, definition);
          again = true;
        }
      } while (again && !stopped);
    } catch (error) {
      // The database may be restarting: the next tick tries again, and leases bring back any job.
      console.error(`[jobs] pass failed: ${message(error)}`);
    } finally {
      running = false;
    }
  };
  const wake = () => void pass();
  const tick = () => {
    void queueScheduled()
      .catch((error: unknown) => console.error(`[jobs] scheduling failed: ${message(error)}`))
      .then(wake);
  };

  const timer = setInterval(tick, (options.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000);
  timer.unref();
  const unlisten = await getDbHandle().listen(JOBS_CHANNEL, wake);
  tick();
  return {
    name,
    wake,
    current: () => (current ? { ...current } : null),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten().catch(() => {});
      while (running) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
