import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { recoveryRequests, type Locale, type RecoveryRequestKind } from './schema';

export async function insertRecoveryRequest(
  values: { kind: RecoveryRequestKind; sealedSubject: string; locale: Locale; ip: string | null },
  executor: Executor = db(),
): Promise<void> {
  await executor.insert(recoveryRequests).values(values);
}

/**
 * Claims due requests for one dispatcher, as the outbox does: rows another dispatcher holds are
 * skipped, and `next_attempt_at` moves forward as a lease in case this process dies mid-way.
 */
export async function claimRecoveryRequests(limit: number, leaseSeconds: number, executor: Executor = db()) {
  return executor.transaction(async (tx) => {
    const due = await tx
      .select({ id: recoveryRequests.id })
      .from(recoveryRequests)
      .where(sql`${recoveryRequests.nextAttemptAt} <= now()`)
      .orderBy(recoveryRequests.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(recoveryRequests)
      .set({
        attempts: sql`${recoveryRequests.attempts} + 1`,
        nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
      })
      .where(inArray(recoveryRequests.id, due.map((row) => row.id)))
      .returning();
  });
}

export type ClaimedRecoveryRequest = Awaited<ReturnType<typeof claimRecoveryRequests>>[number];

/** A handled request disappears in the transaction that handled it: it is done exactly once. */
export async function deleteRecoveryRequest(id: string, executor: Executor = db()): Promise<boolean> {
  const rows = await executor.delete(recoveryRequests).where(eq(recoveryRequests.id, id)).returning({ id: recoveryRequests.id });
  return rows.length === 1;
}

/** Emailed-link requests not yet turned into an email. */
export async function countQueuedRecoveryRequests(executor: Executor = db()): Promise<number> {
  const [row] = await executor.select({ count: sql<number>`count(*)::int` }).from(recoveryRequests);
  return row?.count ?? 0;
}
