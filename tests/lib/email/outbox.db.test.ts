import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { emailOutbox, jobs } from '@/lib/db/schema';
import { deliveryKey, queueEmail } from '@/lib/email/outbox';
import { resendTransport } from '@/lib/email/transports/resend';
import { retryDelaySeconds } from '@/lib/jobs/backoff';
import { withMigratedDatabase } from '../../helpers/database';
import { deliveryJobOf, dispatchDueEmails } from '../../helpers/jobs';
import { startFakeResend, type FakeResend } from '../../helpers/fake-resend';

withMigratedDatabase();

let fake: FakeResend;
let transport: ReturnType<typeof resendTransport>;
// The fake's slow answer comes after this transport gives up; every other answer comes well
// before either, even on a loaded machine (a tight limit for all made the other tests flaky).
const SLOW_MS = 3_000;
const withTimeout = (timeoutMs: number) => resendTransport({ apiKey: 're_test_key', from: 'Sésame <no-reply@example.com>', baseUrl: fake.url, timeoutMs });

beforeAll(async () => {
  fake = await startFakeResend({ slowMs: SLOW_MS });
  transport = withTimeout(10_000);
});
afterAll(() => fake.close());
afterEach(async () => {
  fake.reset();
  await db().delete(emailOutbox);
  await db().delete(jobs);
});

const lockedEmail = (to = 'camille@example.com', locale: 'en' | 'fr' = 'fr') =>
  ({ template: 'accountLocked', to, locale, props: { name: 'Camille Dubois', until: '2026-11-21T15:30:00Z' } }) as const;

async function outboxRow(id: string) {
  const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row!;
}

/** Retries wait for their back-off; tests move the clock of one email's delivery job instead of waiting. */
async function makeDue(id: string) {
  await db().update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.idempotencyKey, deliveryKey(id)));
}

describe('email outbox', () => {
  it('never sends an email queued in a transaction that rolls back', async () => {
    await expect(
      db().transaction(async (tx) => {
        await queueEmail(tx, lockedEmail());
        throw new Error('the change that caused the email failed');
      }),
    ).rejects.toThrow();
    expect(await dispatchDueEmails(transport)).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends a committed email once, in the recipient’s language, with the outbox id as idempotency key', async () => {
    const id = await db().transaction((tx) => queueEmail(tx, lockedEmail()));
    expect(await dispatchDueEmails(transport)).toBe(1);
    expect(await dispatchDueEmails(transport)).toBe(0);

    expect(fake.deliveries).toHaveLength(1);
    const [delivery] = fake.deliveries;
    expect(delivery).toMatchObject({
      idempotencyKey: id,
      to: 'camille@example.com',
      from: 'Sésame <no-reply@example.com>',
      subject: 'La connexion à votre compte Sésame est suspendue',
    });
    expect(delivery!.html).toContain('lang="fr"');
    expect(delivery!.text).toContain('Bonjour Camille Dubois,');
    expect(fake.requests[0]?.authorization).toBe('Bearer re_test_key');
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'fake_1' });
  });

  it('keeps an email through two 500 answers and delivers it once on the third try', async () => {
    fake.failNext('error500', 'error500');
    const id = await db().transaction((tx) => queueEmail(tx, lockedEmail()));

    await dispatchDueEmails(transport);
    const afterFirst = await outboxRow(id);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFirst.lastError).toMatch(/fake outage/);
    expect((await deliveryJobOf(id))!.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(await dispatchDueEmails(transport)).toBe(0);

    await makeDue(id);
    await dispatchDueEmails(transport);
    await makeDue(id);
    await dispatchDueEmails(transport);
    expect(fake.requests).toHaveLength(3);
    expect(fake.deliveries).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('retries a request that timed out with the same key, so the person gets one email', async () => {
    fake.failNext('slow');
    const transport = withTimeout(SLOW_MS / 2);
    const id = await db().transaction((tx) => queueEmail(tx, lockedEmail()));
    await dispatchDueEmails(transport);
    // The SDK reports an aborted request as "Unable to fetch data".
    expect((await outboxRow(id)).lastError).toMatch(/unable to fetch|timeout|abort/i);

    await makeDue(id);
    await dispatchDueEmails(transport);
    expect(fake.requests.map((request) => request.idempotencyKey)).toEqual([id, id]);
    expect(fake.deliveries).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent' });
  });

  it('marks an email failed after 5 tries, erases its secrets and keeps the error for admins', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.failNext('error500', 'error500', 'error500', 'error500', 'error500');
    const id = await db().transaction((tx) =>
      queueEmail(tx, { ...lockedEmail(), secrets: { code: '918273' } as never }),
    );
    expect((await outboxRow(id)).sealedSecrets).not.toBeNull();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await makeDue(id);
      await dispatchDueEmails(transport);
    }
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 5, sealedSecrets: null });
    expect(row.lastError).toMatch(/fake outage/);
    await makeDue(id);
    expect(await dispatchDueEmails(transport)).toBe(0);
    expect(fake.requests).toHaveLength(5);
    expect(logged.mock.calls.flat().join(' ')).not.toContain('918273');
    logged.mockRestore();
  });

  it('stores the secrets of a message sealed, never in clear, and erases them once sent', async () => {
    const secret = 'https://id.example.com/fr/reset-password?token=canary-token-5150';
    const id = await db().transaction((tx) =>
      queueEmail(tx, { ...lockedEmail(), secrets: { resetLink: secret } as never }),
    );
    const stored = await outboxRow(id);
    expect(JSON.stringify(stored)).not.toContain('canary-token-5150');
    await dispatchDueEmails(transport);
    expect((await outboxRow(id)).sealedSecrets).toBeNull();
  });

  it('lets several dispatchers run at once without sending any email twice', async () => {
    const ids = await db().transaction(async (tx) => {
      const queued = [];
      for (let index = 0; index < 45; index += 1) queued.push(await queueEmail(tx, lockedEmail(`person${index}@example.com`, 'en')));
      return queued;
    });
    for (let round = 0; round < 5; round += 1) {
      await Promise.all([dispatchDueEmails(transport), dispatchDueEmails(transport), dispatchDueEmails(transport)]);
    }
    const keys = fake.requests.map((request) => request.idempotencyKey);
    expect(keys).toHaveLength(45);
    expect(new Set(keys)).toEqual(new Set(ids));
    const statuses = await db().select({ status: emailOutbox.status }).from(emailOutbox);
    expect(statuses.every((row) => row.status === 'sent')).toBe(true);
  });
});

describe('retry back-off', () => {
  it('doubles from the base delay, with a little jitter, up to an hour', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds(attempt, 30, middle))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(20, 30, middle)).toBe(3600);
    expect(retryDelaySeconds(1, 30, () => 0)).toBe(24);
    expect(retryDelaySeconds(1, 30, () => 0.999)).toBe(36);
  });
});
