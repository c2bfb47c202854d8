import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { accountTokens, auditEvents, emailOutbox, jobs } from '@/lib/db/schema';
import { logTransport } from '@/lib/email/transports/log';
import { REQUEST_QUEUE, requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../../helpers/database';
import { dispatchDueEmails, handleQueuedRequests } from '../../helpers/jobs';
import { emailsTo } from '../../helpers/emails';
import { telling, timingGap } from '../../helpers/timing';
import { makeUser } from '../../helpers/users';

// The site's logger, writing where the test reads it (it writes to the process's output otherwise).
const written = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock('@/lib/observability/logger', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/observability/logger')>();
  return { ...actual, logger: actual.createLogger({ write: (line: string) => void written.lines.push(line) }) };
});

withMigratedDatabase();

const ROUNDS = 30;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Rows in every table the request path could write to. */
async function rowCounts() {
  const count = async (table: typeof jobs | typeof accountTokens | typeof emailOutbox | typeof auditEvents) =>
    (await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    requests: await count(jobs),
    tokens: await count(accountTokens),
    outbox: await count(emailOutbox),
    audit: await count(auditEvents),
  };
}

describe('forgot password answers alike for every kind of identifier', () => {
  async function identifiersOfEveryKind() {
    const active = await makeUser();
    const locked = await makeUser();
    for (let index = 0; index < 5; index += 1) {
      await signInWithPassword({ identifier: locked.email, password: `wrong ${index}`, ip: null, userAgent: null, knownDevices: [] });
    }
    const deactivated = await makeUser({ state: 'deactivated' });
    const pending = await makeUser({ state: 'pending', password: undefined });
    return {
      unknown: 'nobody-at-all@example.com',
      active: active.email,
      locked: locked.email,
      deactivated: deactivated.email,
      pending: pending.email,
    };
  }

  it('does the same work on the request path whatever the identifier: one queued row, nothing else', async () => {
    const identifiers = await identifiersOfEveryKind();
    await handleQueuedRequests();
    for (const [kind, identifier] of Object.entries(identifiers)) {
      const before = await rowCounts();
      await requestEmailedLink({ kind: 'password_reset', identifier, locale: 'en', ip: '198.51.100.3' });
      const after = await rowCounts();
      expect({ ...after, requests: after.requests - before.requests }, kind).toEqual({ ...before, requests: 1 });
      await handleQueuedRequests();
    }
  });

  it('takes the same time for unknown, active, locked, deactivated and pending identifiers', async () => {
    const identifiers = await identifiersOfEveryKind();
    const measure = async () => {
      const timings: Record<string, number[]> = Object.fromEntries(Object.keys(identifiers).map((key) => [key, []]));
      // Interleaved rounds, so drift on a busy machine hits every kind alike.
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const [kind, identifier] of Object.entries(identifiers)) {
          const started = performance.now();
          await requestEmailedLink({ kind: 'password_reset', identifier, locale: 'en', ip: null });
          timings[kind]!.push(performance.now() - started);
        }
      }
      return timings;
    };
    // Strict: the old request path (an argon2 verification for everyone, plus a transaction
    // that issued the token for real accounts) was 7–8 ms slower for known accounts here.
    const gaps = (timings: Record<string, number[]>) =>
      Object.keys(identifiers).flatMap((kind) => {
        const gap = timingGap(timings.unknown!, timings[kind]!);
        return telling(gap, Math.max(3, median(timings.unknown!) * 0.25)) ? [`${kind}: ${gap.shiftMs.toFixed(2)} ms slower, A = ${gap.superiority.toFixed(2)}`] : [];
      });
    const first = gaps(await measure());
    // A gap seen once is measured again: a real one is there both times, a busy moment rarely is.
    const confirmed = first.length === 0 ? [] : gaps(await measure());
    expect(confirmed).toEqual([]);
  });

  it('drops a flood of requests from one address, whatever they ask for, with the same answer', async () => {
    const user = await makeUser();
    const ip = '198.51.100.77';
    const queued = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.queue, REQUEST_QUEUE)))[0]!.n;
    while ((await handleQueuedRequests()) > 0);
    const before = await queued();
    for (let index = 0; index < 60; index += 1) {
      await expect(requestEmailedLink({ kind: 'password_reset', identifier: user.email, locale: 'en', ip })).resolves.toBeUndefined();
    }
    // The default allowance is 50 per address per 15 minutes.
    expect((await queued()) - before).toBe(50);
    await requestEmailedLink({ kind: 'password_reset', identifier: user.email, locale: 'en', ip: '198.51.100.78' });
    expect((await queued()) - before).toBe(51);
  });

  it('never writes a link or a code to the logs, from the request to the delivery', async () => {
    const user = await makeUser();
    const lines: string[] = [];
    const secrets: string[] = [];
    written.lines.length = 0;
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation(capture));
    try {
      await requestEmailedLink({ kind: 'password_reset', identifier: user.email, locale: 'fr', ip: null });
      await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'en', ip: null });
      while ((await handleQueuedRequests()) > 0);
      // Read before delivery: the outbox erases a message's secrets once it is sent.
      secrets.push(...(await emailsTo(user.email)).flatMap((email) => Object.values(email.secrets)));
      while ((await dispatchDueEmails(logTransport())) > 0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const log = [...lines, ...written.lines].join('\n');
    // What was written is read: the deliveries' lines (which name no recipient either).
    expect(log.match(/email not delivered/g)?.length).toBeGreaterThanOrEqual(2);
    expect(log).not.toContain(user.email);
    expect(secrets).toHaveLength(4);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
