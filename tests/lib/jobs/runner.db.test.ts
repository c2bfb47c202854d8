import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { findJob } from '@/lib/db/jobs';
import { jobs, maintenanceRuns } from '@/lib/db/schema';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { LeaseLost, startJobRunner, type JobDefinition, type JobRunner } from '@/lib/jobs/runner';
import { pruneJob, pruneSchedule } from '@/lib/maintenance';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();

const runners: JobRunner[] = [];
afterEach(async () => {
  while (runners.length > 0) await runners.pop()?.stop();
  await db().delete(jobs);
});

async function start(definitions: JobDefinition[], options: { schedules?: { queue: string; everySeconds: number }[]; leaseSeconds?: number } = {}) {
  const runner = await startJobRunner({ definitions, pollSeconds: 0.2, ...options });
  runners.push(runner);
  return runner;
}

const enqueue = (queue: string, extra: { maxAttempts?: number; idempotencyKey?: string } = {}) => enqueueJob(db(), { queue, ...extra });
const statusOf = async (id: string) => (await findJob(id))?.status;

describe('job runner', () => {
  it('runs each job once across two instances', async () => {
    const seen: string[] = [];
    const definition: JobDefinition = {
      queue: 'test.once',
      async run({ job }) {
        seen.push(job.id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { result: { by: 'test' } };
      },
    };
    const ids = await Promise.all(Array.from({ length: 30 }, () => enqueue('test.once')));
    await Promise.all([start([definition]), start([definition])]);
    await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(30);
    await expect.poll(async () => (await db().select().from(jobs).where(eq(jobs.status, 'done'))).length).toBe(30);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect((await findJob(ids[0]!))?.result).toEqual({ by: 'test' });
  });

  it('queues a job once per idempotency key, and only when the caller commits', async () => {
    expect(await enqueue('test.key', { idempotencyKey: 'k1' })).toMatch(/^[0-9a-f-]{36}$/);
    expect(await enqueue('test.key', { idempotencyKey: 'k1' })).toBeNull();
    await db()
      .transaction(async (tx) => {
        await enqueueJob(tx, { queue: 'test.key' });
        throw new Error('the cause rolled back');
      })
      .catch(() => {});
    expect(await db().select().from(jobs)).toHaveLength(1);
  });

  it('retries a failed job after a delay that doubles, then succeeds', async () => {
    const tries: number[] = [];
    const id = (await enqueue('test.retry'))!;
    await start([
      {
        queue: 'test.retry',
        retryBaseSeconds: 1,
        async run() {
          tries.push(Date.now());
          if (tries.length < 3) throw new Error(`failure ${tries.length}`);
          return {};
        },
      },
    ]);
    await expect.poll(() => statusOf(id), { timeout: 20_000 }).toBe('done');
    const job = await findJob(id);
    expect(job).toMatchObject({ attempts: 3, lastError: null });
    const [first, second, third] = tries as [number, number, number];
    // 1 s then 2 s, each ±20 %, plus the polling interval.
    expect(second - first).toBeGreaterThanOrEqual(800);
    expect(third - second).toBeGreaterThanOrEqual(1600);
    expect(third - second).toBeGreaterThan((second - first) * 1.2);
  });

  it('keeps a job dead after its last try, with its error, and says so once', async () => {
    const dead: string[] = [];
    let calls = 0;
    const id = (await enqueue('test.dead', { maxAttempts: 2 }))!;
    const later: string[] = [];
    await start([
      {
        queue: 'test.later',
        async run({ job }) {
          later.push(job.id);
          return {};
        },
      },
      {
        queue: 'test.dead',
        retryBaseSeconds: 1,
        async run() {
          calls += 1;
          throw new Error('always broken');
        },
        async onDead(job, error) {
          dead.push(`${job.id} ${error}`);
        },
      },
    ]);
    await expect.poll(() => statusOf(id), { timeout: 20_000 }).toBe('dead');
    // A job queued after it is run: the runner went on polling, and never took the dead one again.
    const next = (await enqueue('test.later'))!;
    await expect.poll(() => later, { timeout: 20_000 }).toEqual([next]);
    expect(calls).toBe(2);
    expect(dead).toEqual([`${id} always broken`]);
    expect(await findJob(id)).toMatchObject({ attempts: 2, lastError: 'always broken' });
  });

  it('queues a scheduled job once per period for the whole cluster', async () => {
    const runs: string[] = [];
    const definition: JobDefinition = {
      queue: 'test.scheduled',
      async run({ job }) {
        runs.push(job.idempotencyKey ?? '');
        return {};
      },
    };
    const schedules = [{ queue: 'test.scheduled', everySeconds: 1 }];
    const started = Date.now();
    await Promise.all([start([definition], { schedules }), start([definition], { schedules }), start([definition], { schedules })]);
    // Three runs: two in one period would outnumber the periods that passed, and repeat a key.
    await expect.poll(() => runs.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const seconds = (Date.now() - started) / 1000;
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('prunes once an hour for the whole cluster, whichever runners take its scheduled job', async () => {
    await db().delete(maintenanceRuns);
    await Promise.all([0, 1, 2].map(() => start([pruneJob], { schedules: [pruneSchedule] })));
    const pruneJobs = () => db().select().from(jobs).where(eq(jobs.queue, pruneJob.queue));
    await expect.poll(async () => (await pruneJobs()).filter((job) => job.status === 'done').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    // Three runners ticking five times a second: one job for this hour (two only if the hour
    // turned meanwhile, and then the second finds the first run recent and prunes nothing).
    const done = await pruneJobs();
    expect(done.length).toBeLessThanOrEqual(2);
    expect(done.filter((job) => job.result?.skipped !== true)).toHaveLength(1);
    expect(await db().select().from(maintenanceRuns)).toHaveLength(1);
  });

  it('forgets the row of a job whose domain keeps the record, done or dead, and still says when it died', async () => {
    const dead: string[] = [];
    const ok = (await enqueue('test.forget.ok'))!;
    const broken = (await enqueue('test.forget.dead', { maxAttempts: 1 }))!;
    await start([
      { queue: 'test.forget.ok', forget: true, run: async () => ({}) },
      {
        queue: 'test.forget.dead',
        forget: true,
        async run() {
          throw new Error('always broken');
        },
        async onDead(job) {
          dead.push(job.id);
        },
      },
    ]);
    await expect.poll(() => dead, { timeout: 20_000 }).toEqual([broken]);
    await expect.poll(async () => [await findJob(ok), await findJob(broken)], { timeout: 20_000 }).toEqual([undefined, undefined]);
  });

  it('refuses the chunk of a runner that lost the job to another', async () => {
    let lost: unknown;
    let enter: () => void = () => {};
    const entered = new Promise<void>((resolve) => (enter = resolve));
    let proceed: () => void = () => {};
    const go = new Promise<void>((resolve) => (proceed = resolve));
    await start([
      {
        queue: 'test.lost',
        async run({ step }) {
          enter();
          await go;
          try {
            await step(async () => ({ value: null, progress: { processed: 1 } }));
          } catch (error) {
            lost = error;
            throw error;
          }
          return {};
        },
      },
    ]);
    const id = (await enqueue('test.lost'))!;
    await entered;
    // Another runner took the job over while this one was not holding a chunk.
    await db().update(jobs).set({ lockedBy: 'someone else' }).where(eq(jobs.id, id));
    proceed();
    await expect.poll(() => lost instanceof LeaseLost, { timeout: 10_000 }).toBe(true);
    expect(await findJob(id)).toMatchObject({ processed: 0, status: 'running', lockedBy: 'someone else' });
  });

  it('stops after the current chunk and hands the job back; another runner resumes from the checkpoint', async () => {
    const handled: number[] = [];
    const definition: JobDefinition = {
      queue: 'test.chunks',
      async run({ job, step, stopping }) {
        let next = Number(job.checkpoint?.next ?? 0);
        while (next < 10) {
          if (stopping()) return 'yielded';
          const from = next;
          next = await step(async () => {
            handled.push(from);
            await new Promise((resolve) => setTimeout(resolve, 50));
            return { value: from + 1, progress: { checkpoint: { next: from + 1 }, processed: 1, total: 10 } };
          });
        }
        return { result: { handled: 10 } };
      },
    };
    const first = await start([definition]);
    const id = (await enqueue('test.chunks'))!;
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await first.stop();
    runners.splice(runners.indexOf(first), 1);
    const paused = await findJob(id);
    expect(paused).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null });
    expect(paused?.processed).toBe(handled.length);
    expect(handled.length).toBeLessThan(10);

    await start([definition]);
    await expect.poll(() => statusOf(id), { timeout: 10_000 }).toBe('done');
    expect(handled).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await findJob(id)).toMatchObject({ processed: 10, total: 10, attempts: 1 });
  });
});
