import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { devMailbox, emailOutbox, type Locale } from './schema';

export interface NewOutboxEmail {
  userId: string | null;
  recipient: string;
  locale: Locale;
  template: string;
  props: Record<string, unknown>;
  sealedSecrets: string | null;
}

export async function insertOutboxEmail(values: NewOutboxEmail, executor: Executor): Promise<string> {
  const [row] = await executor.insert(emailOutbox).values(values).returning({ id: emailOutbox.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/**
 * Claims up to `limit` due emails for one dispatcher. Rows another dispatcher has locked are
 * skipped, and `next_attempt_at` moves past the send timeout as a lease: if this process dies
 * mid-send, the row becomes due again and the idempotency key prevents a second delivery.
 */
export async function claimDueEmails(limit: number, leaseSeconds: number, executor: Executor = db()) {
  return executor.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, 'pending'), sql`${emailOutbox.nextAttemptAt} <= now()`))
      .orderBy(emailOutbox.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({
        attempts: sql`${emailOutbox.attempts} + 1`,
        nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
      })
      .where(inArray(emailOutbox.id, due.map((row) => row.id)))
      .returning();
  });
}

export type ClaimedEmail = Awaited<ReturnType<typeof claimDueEmails>>[number];

export async function markEmailSent(id: string, providerMessageId: string | null, executor: Executor = db()) {
  await executor
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: sql`now()`, providerMessageId, sealedSecrets: null, lastError: null })
    .where(eq(emailOutbox.id, id));
}

export async function scheduleEmailRetry(id: string, error: string, delaySeconds: number, executor: Executor = db()) {
  await executor
    .update(emailOutbox)
    .set({ lastError: error, nextAttemptAt: sql`now() + make_interval(secs => ${delaySeconds})` })
    .where(eq(emailOutbox.id, id));
}

/** Gives up on an email: its secrets are erased, the error stays for admins to see. */
export async function markEmailFailed(id: string, error: string, executor: Executor = db()) {
  await executor
    .update(emailOutbox)
    .set({ status: 'failed', lastError: error, sealedSecrets: null })
    .where(eq(emailOutbox.id, id));
}

export async function storeInMailbox(
  message: { id: string; recipient: string; locale: Locale; template: string; subject: string; html: string; text: string },
  executor: Executor = db(),
) {
  await executor.insert(devMailbox).values(message).onConflictDoNothing();
}

export async function listMailbox(limit = 100, executor: Executor = db()) {
  return executor
    .select({
      id: devMailbox.id,
      recipient: devMailbox.recipient,
      locale: devMailbox.locale,
      subject: devMailbox.subject,
      receivedAt: devMailbox.receivedAt,
    })
    .from(devMailbox)
    .orderBy(desc(devMailbox.receivedAt))
    .limit(limit);
}

export async function findMailboxMessage(id: string, executor: Executor = db()) {
  const [row] = await executor.select().from(devMailbox).where(eq(devMailbox.id, id));
  return row;
}
