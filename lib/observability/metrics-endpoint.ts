import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Gauge, register } from 'prom-client';
import { getDbHandle } from '@/lib/db/client';
import { waitingJobsByQueue } from '@/lib/db/jobs';
import { outboxBacklog } from '@/lib/db/outbox';
import { loaded } from '@/lib/i18n/message-cache';
import { withinTimeout } from './health';
import { logger } from './logger';
import './metrics';

// The figures read when Prometheus scrapes, rather than counted as things happen: the backlog
// in the database, the pool, the words in use. Registered once, by the process that serves
// /metrics (the server or the worker).

const BACKLOG_TIMEOUT_MS = 1_000;
let registered = false;

export function registerScrapeMetrics(): void {
  if (registered) return;
  registered = true;
  collectDefaultMetrics({ prefix: 'sesame_process_' });

  // One read for all of them, each scrape; a database out of reach, or a pool too busy to answer
  // within a second, leaves them out of that scrape rather than hold the scrape up.
  let backlog: Promise<void> | undefined;
  const readBacklog = () =>
    (backlog ??= withinTimeout(Promise.all([outboxBacklog(), waitingJobsByQueue()]), BACKLOG_TIMEOUT_MS)
      .then(([outbox, waiting]) => {
        outboxPending.set(outbox.pending);
        outboxOldest.set(outbox.oldestSeconds);
        // A queue emptied since the last scrape drops out rather than keep its last count.
        jobsWaiting.reset();
        for (const { queue, count } of waiting) jobsWaiting.set({ queue }, count);
      })
      .catch((error: unknown) => {
        for (const gauge of [outboxPending, outboxOldest, jobsWaiting]) gauge.reset();
        logger.warn({ err: error }, 'metrics: the outbox backlog could not be read');
      })
      .finally(() => (backlog = undefined)));
  const outboxPending = new Gauge({ name: 'sesame_outbox_pending', help: 'Emails in the outbox waiting to be sent.', collect: readBacklog });
  const outboxOldest = new Gauge({
    name: 'sesame_outbox_oldest_pending_seconds',
    help: 'How long the oldest email waiting in the outbox has waited.',
    collect: readBacklog,
  });
  const jobsWaiting = new Gauge({
    name: 'sesame_jobs_waiting',
    help: 'Background jobs queued or running, by queue (recovery.request: emailed-link requests not yet turned into an email).',
    labelNames: ['queue'],
    collect: readBacklog,
  });

  new Gauge({
    name: 'sesame_db_pool_connections',
    help: 'The database pool: its size, connections in use, and queries waiting beyond one a connection.',
    labelNames: ['state'],
    collect() {
      const use = getDbHandle().poolUse?.();
      if (!use) return;
      this.set({ state: 'size' }, use.size);
      this.set({ state: 'in_use' }, use.inUse);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
  new Gauge({
    name: 'sesame_translations_version',
    help: 'Version of the published translations this process serves (0: only the shipped catalogue).',
    collect() {
      this.set(loaded.cache?.version ?? 0);
    },
  });
}

/** Whether a request to the site's port may read /metrics: only with METRICS_TOKEN as its bearer. */
export function bearerMatches(request: IncomingMessage, token: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
