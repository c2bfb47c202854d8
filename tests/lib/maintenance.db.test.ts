import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteExpiredAuditEvents, RETENTION_BATCH } from '@/lib/db/audit';
import { db, openDatabase } from '@/lib/db/client';
import { scrubSentEmails, SENT_EMAIL_DAYS } from '@/lib/db/outbox';
import { accountTokens, auditEvents, emailOutbox, maintenanceRuns, sessions, signInThrottle } from '@/lib/db/schema';
import { sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';
import { createSession } from '@/lib/db/sessions';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { PRUNE_LOCK, pruneDeadRows, pruneOncePerCluster } from '@/lib/maintenance';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../helpers/database';
import { handleQueuedRequests } from '../helpers/jobs';
import { makeUser } from '../helpers/users';

withMigratedDatabase();

describe('pruning dead rows', () => {
  it('deletes ended sessions, week-old tokens and day-old idle counters, and keeps everything alive', async () => {
    const user = await makeUser();
    const session = (hours = 24) => createSession({ userId: user.id, ip: null, userAgent: null, absoluteHours: hours });
    await session();
    const ended = await session();
    await db().update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.tokenHash, sha256(ended)));
    const idle = await session();
    await db().update(sessions).set({ lastSeenAt: sql`now() - make_interval(mins => ${env().SESSION_IDLE_MINUTES + 1})` }).where(eq(sessions.tokenHash, sha256(idle)));

    await requestEmailedLink({ kind: 'password_reset', identifier: user.email, locale: 'en', ip: null });
    await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'en', ip: null });
    await handleQueuedRequests();
    await db().update(accountTokens).set({ expiresAt: sql`now() - interval '8 days'` }).where(eq(accountTokens.purpose, 'magic_link'));

    const [old, paused, fresh] = ['old', 'paused', 'fresh'].map((name) => throttleSubjects.identifier(`${name}-${user.id}`));
    await db().insert(signInThrottle).values([
      { ...old!, failures: 2, updatedAt: sql`now() - interval '2 days'` },
      { ...paused!, failures: 5, updatedAt: sql`now() - interval '2 days'`, lockedUntil: sql`now() + interval '1 hour'` },
      { ...fresh!, failures: 1 },
    ]);

    const pruned = await pruneDeadRows();
    expect(pruned).toMatchObject({ sessions: 2, tokens: 1 });
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    const tokens = await db().select({ purpose: accountTokens.purpose }).from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(tokens).toEqual([{ purpose: 'password_reset' }]);
    const keys = (await db().select({ key: signInThrottle.key }).from(signInThrottle)).map((row) => row.key);
    expect(keys).toContain(paused!.key);
    expect(keys).toContain(fresh!.key);
    expect(keys).not.toContain(old!.key);
  });
});

describe('retention', () => {
  it('deletes exactly the audit events older than AUDIT_RETENTION_DAYS, in batches, and keeps the rest', async () => {
    const tag = randomUUID();
    const days = env().AUDIT_RETENTION_DAYS;
    // More than one batch of events just past the limit (1 s to 2,500 s), and some just inside it.
    await db().execute(sql`insert into audit_events (occurred_at, event, detail)
      select now() - make_interval(days => ${days}) - make_interval(secs => g), 'sign_in.failed', jsonb_build_object('test', ${tag}::text, 'kept', false)
      from generate_series(1, ${RETENTION_BATCH + 500}::int) g`);
    await db().execute(sql`insert into audit_events (occurred_at, event, detail)
      select now() - make_interval(days => ${days}) + make_interval(secs => 60 * g), 'sign_in.failed', jsonb_build_object('test', ${tag}::text, 'kept', true)
      from generate_series(1, 3) g`);
    const left = async () =>
      (await db().select({ kept: sql<boolean>`(${auditEvents.detail} ->> 'kept')::boolean` }).from(auditEvents).where(sql`${auditEvents.detail} ->> 'test' = ${tag}`)).map((row) => row.kept);

    const { deleted } = await deleteExpiredAuditEvents(days);
    expect(deleted).toBeGreaterThanOrEqual(RETENTION_BATCH + 500);
    expect(await left()).toEqual([true, true, true]);
  });

  it('scrubs the recipient and wording of emails sent more than 30 days ago, and of no other', async () => {
    const tag = randomUUID().slice(0, 8);
    const email = (status: 'sent' | 'failed', daysAgo: number) => ({
      recipient: `${status}-${daysAgo}-${tag}@example.com`,
      locale: 'en' as const,
      template: 'passwordReset',
      props: { name: `Person ${tag}` },
      status,
      lastError: status === 'failed' ? 'provider answered 500' : null,
      createdAt: sql`now() - make_interval(days => ${daysAgo})`,
      sentAt: status === 'sent' ? sql`now() - make_interval(days => ${daysAgo})` : null,
    });
    const [old, recent, failed] = await db()
      .insert(emailOutbox)
      .values([email('sent', SENT_EMAIL_DAYS + 1), email('sent', SENT_EMAIL_DAYS - 1), email('failed', SENT_EMAIL_DAYS + 10)])
      .returning({ id: emailOutbox.id });
    expect(await scrubSentEmails()).toBeGreaterThanOrEqual(1);
    const rows = await db()
      .select({ id: emailOutbox.id, recipient: emailOutbox.recipient, props: emailOutbox.props, template: emailOutbox.template })
      .from(emailOutbox)
      .where(inArray(emailOutbox.id, [old!.id, recent!.id, failed!.id]));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(old!.id)).toMatchObject({ recipient: '', props: {}, template: 'passwordReset' });
    expect(byId.get(recent!.id)).toMatchObject({ recipient: `sent-${SENT_EMAIL_DAYS - 1}-${tag}@example.com`, props: { name: `Person ${tag}` } });
    expect(byId.get(failed!.id)).toMatchObject({ recipient: `failed-${SENT_EMAIL_DAYS + 10}-${tag}@example.com` });
  });
});

describe('pruning in a cluster', () => {
  it('runs once an hour between all instances: a second run within the hour does nothing', async () => {
    await db().delete(maintenanceRuns);
    expect(await pruneOncePerCluster()).toBeDefined();
    expect(await pruneOncePerCluster()).toBeUndefined();
    await db().update(maintenanceRuns).set({ finishedAt: sql`now() - interval '61 minutes'` });
    expect(await pruneOncePerCluster()).toBeDefined();
  });

  it.runIf(process.env.DATABASE_URL)('on PostgreSQL, an instance finds the lock taken while another prunes, and skips', async () => {
    const other = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const holding = other.withClusterLock(PRUNE_LOCK, async () => {
      entered();
      await held;
      return 'done';
    });
    await inside;
    await db().delete(maintenanceRuns);
    expect(await pruneOncePerCluster()).toBeUndefined();
    release();
    expect(await holding).toBe('done');
    expect(await pruneOncePerCluster()).toBeDefined();
    await other.close();
  });
});
