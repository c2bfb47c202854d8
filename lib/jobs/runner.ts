import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { db, getDbHandle, type Tx } from '@/lib/db/client';
import { claimNextJob, failJob, finishJob, recordProgress, releaseJob, renewLease, type JobRow, type Progress } from '@/lib/db/jobs';
import { jobs } from '@/lib/db/schema';
import { logger } from '@/lib/observability/logger';
import { jobItems, jobLastSuccess, jobRuns } from '@/lib/observability/metrics';
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

/** `items`: what the job handled, for metrics (the progress its chunks reported, otherwise). */
export type JobOutcome = { result?: Record<string, unknown>; items?: number } | 'yielded';

export interface JobDefinition {
  queue: string;
  run(context: JobContext): Promise<JobOutcome>;
  /** The first retry's delay; it doubles with each try. */
  retryBaseSeconds?: number;
  /** After the last try failed: the job stays dead, and its owner may be told. */
  onDead?(job: JobRow, error: string): Promise<void>;
  /**
   * The row goes once the job is done or dead: its domain keeps the record that matters (an
   * email's row in the outbox), and what the payload holds is not kept at rest any longer.
   */
  forget?: boolean;
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

export interface JobRunner {
  name: string;
  wake(): void;
  /** Finishes the current chunk, hands the job back for another instance, and stops. */
  stop(): Promise<void>;
}

export class LeaseLost extends Error {
  constructor() {
    super('another runner holds this job now');
  }
}

const DEFAULT_LEASE_SECONDS = 30;
const DEFAULT_POLL_SECONDS = 5;
const DEFAULT_RETRY_BASE_SECONDS = 30;
const NOTIFY_DELAY_MS = 250;

function message(error: unknown): string {
  return (error instanceof Error ? error.message : 'unknown error').slice(0, 500);
}

interface Worker {
  name: string;
  /** Claims and runs due jobs, one at a time, until none is due or the worker stops; how many it ran. */
  runDue(): Promise<number>;
  stop(): void;
  stopping(): boolean;
}

function jobWorker(definitionList: JobDefinition[], leaseSeconds: number): Worker {
  const name = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const definitions = new Map(definitionList.map((definition) => [definition.queue, definition]));
  const queues = [...definitions.keys()];
  let stopped = false;

  async function giveUp(job: JobRow, definition: JobDefinition, error: string) {
    await failJob(job.id, name, error, { dead: true, delaySeconds: 0, forget: definition.forget ?? false });
    jobRuns.inc({ job: job.queue, outcome: 'failed' });
    logger.error({ job: job.queue, jobId: job.id, attempts: job.attempts, reason: error }, 'gave up on a job');
    await definition.onDead?.(job, error);
  }

  async function runOne(job: JobRow, definition: JobDefinition) {
    if (job.attempts > job.maxAttempts) {
      // Its runners kept dying (or losing the database) mid-job: give up rather than loop forever.
      await giveUp(job, definition, job.lastError ?? 'interrupted on every try');
      return;
    }
    let processed = 0;
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
          processed += progress.processed ?? 0;
          return value;
        }),
    };
    try {
      const outcome = await definition.run(context);
      if (outcome === 'yielded') {
        await releaseJob(job.id, name);
        return;
      }
      await finishJob(job.id, name, outcome.result ?? null, { forget: definition.forget ?? false });
      jobRuns.inc({ job: job.queue, outcome: 'ok' });
      jobItems.inc({ job: job.queue }, outcome.items ?? processed);
      jobLastSuccess.set({ job: job.queue }, Date.now() / 1000);
    } catch (error) {
      if (error instanceof LeaseLost) return;
      if (job.attempts >= job.maxAttempts) {
        await giveUp(job, definition, message(error));
        return;
      }
      const delaySeconds = retryDelaySeconds(job.attempts, definition.retryBaseSeconds ?? DEFAULT_RETRY_BASE_SECONDS);
      await failJob(job.id, name, message(error), { dead: false, delaySeconds });
      jobRuns.inc({ job: job.queue, outcome: 'failed' });
      logger.warn({ job: job.queue, jobId: job.id, attempts: job.attempts, of: job.maxAttempts, reason: message(error) }, 'a job failed; it will be tried again');
    } finally {
      clearInterval(heartbeat);
    }
  }

  return {
    name,
    async runDue() {
      let ran = 0;
      while (!stopped) {
        // In a transaction, as every claim loop before it: one that loses its connection in an
        // outage makes the pool start afresh (lib/db/postgres-pool.ts), where a lone query would
        // leave a dead slot for the next claim to wait on.
        const job = await db().transaction((tx) => claimNextJob(queues, name, leaseSeconds, tx));
        const definition = job && definitions.get(job.queue);
        if (!job || !definition) break;
        await runOne(job, definition);
        ran += 1;
      }
      return ran;
    },
    stop: () => void (stopped = true),
    stopping: () => stopped,
  };
}

/**
 * Runs every due job of `definitions` now, in this process, as a runner's pass does; how many
 * it ran. For callers that need the queue handled before they go on, such as tests.
 */
export async function runDueJobs(definitions: JobDefinition[], options: { leaseSeconds?: number } = {}): Promise<number> {
  return jobWorker(definitions, options.leaseSeconds ?? DEFAULT_LEASE_SECONDS).runDue();
}

/**
 * Runs due jobs of the registered queues, one at a time, in every process that starts it:
 * woken by NOTIFY when a job is queued and on an interval for retries, schedules and jobs left
 * behind by a runner that died (its lease runs out). The lease is renewed while a job runs; a
 * database outage only delays the next pass.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const worker = jobWorker(options.definitions, leaseSeconds);
  let running = false;
  let again = false;

  const pass = async () => {
    if (worker.stopping()) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await worker.runDue();
      } while (again && !worker.stopping());
    } catch (error) {
      // The database may be restarting: the next tick tries again, and leases bring back any job.
      logger.error({ err: error }, 'a job runner pass failed; the next one tries again');
    } finally {
      running = false;
    }
  };
  const wake = () => void pass();

  async function queueScheduled() {
    for (const schedule of options.schedules ?? []) {
      // The slot is counted in the database's clock, so every instance agrees on it; its key
      // lets exactly one insert per slot through, cluster-wide.
      await db().execute(sql`insert into ${jobs} (queue, idempotency_key)
        values (${schedule.queue}, ${schedule.queue} || '@' || floor(extract(epoch from now()) / ${schedule.everySeconds})::bigint)
        on conflict (idempotency_key) do nothing`);
    }
  }
  const tick = () => {
    void queueScheduled()
      .catch((error: unknown) => logger.error({ err: error }, 'queueing scheduled jobs failed; the next tick tries again'))
      .then(wake);
  };

  const timer = setInterval(tick, (options.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000);
  timer.unref();
  // A notification arrives while the request that queued the job is still being answered in
  // this very process: waiting a moment keeps the job's work (an account looked up, an email
  // rendered) out of that answer's time, so it does not differ between real and unknown accounts.
  const wakeSoon = () => void setTimeout(wake, NOTIFY_DELAY_MS * (1 + Math.random())).unref();
  const unlisten = await getDbHandle().listen(JOBS_CHANNEL, wakeSoon);
  tick();
  return {
    name: worker.name,
    wake,
    async stop() {
      worker.stop();
      clearInterval(timer);
      await unlisten().catch(() => {});
      // A pass still running after a lease's time holds no job that another runner cannot take
      // over by now: stopping does not wait for it any longer.
      const giveUpAt = Date.now() + leaseSeconds * 1000;
      while (running && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
