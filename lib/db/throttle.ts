import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { signInThrottle, users, type ThrottleScope } from './schema';
import { SIGN_IN_STATEMENTS } from './sign-in-statements';

/** What one row counts; `lib/auth/throttle-subjects.ts` makes them, with keyed-hash keys. */
export interface ThrottleSubject {
  key: string;
  scope: ThrottleScope;
  userId: string | null;
}

export type Reservation =
  | { allowed: true; lockedUntil: Date | null }
  | { allowed: false; lockedUntil: Date };

const row = (subject: ThrottleSubject) => ({ key: subject.key, scope: subject.scope, userId: subject.userId });

/**
 * Counts an attempt before the password is compared, in one statement that locks the row, so
 * that parallel attempts can never get more than `threshold` comparisons. The attempt that
 * reaches the threshold sets the pause; a pause that has run out starts a fresh count; a
 * success clears the row. One round trip, not a transaction of four: it is on every sign-in.
 *
 * The count says which way it went: an attempt let through leaves it at most `threshold`, a
 * refused one (the row paused already) above it. Refused attempts add nothing that lasts: the
 * count starts again when the pause ends.
 */
export async function reserveAttempt(subject: ThrottleSubject, policy: { threshold: number; lockMinutes: number }): Promise<Reservation> {
  const pause = sql`now() + make_interval(mins => ${policy.lockMinutes})`;
  // Columns named here are the row as it was before this attempt.
  const paused = sql`coalesce(${signInThrottle.lockedUntil} > now(), false)`;
  const counted = sql`least((case when ${signInThrottle.lockedUntil} is null then ${signInThrottle.failures} else 0 end) + 1, ${policy.threshold})`;
  const [answer] = await db()
    .insert(signInThrottle)
    .values({ ...row(subject), failures: 1, lockedUntil: policy.threshold <= 1 ? pause : null })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${paused} then least(greatest(${signInThrottle.failures}, ${policy.threshold}) + 1, 32000) else ${counted} end`,
        lockedUntil: sql`case when ${paused} then ${signInThrottle.lockedUntil} when ${counted} >= ${policy.threshold} then ${pause} else null end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ failures: signInThrottle.failures, lockedUntil: signInThrottle.lockedUntil })
    .prepare(SIGN_IN_STATEMENTS.reserveAttempt)
    .execute();
  if (!answer) throw new Error('throttle upsert returned no row');
  if (answer.failures > policy.threshold && answer.lockedUntil) return { allowed: false, lockedUntil: answer.lockedUntil };
  return { allowed: true, lockedUntil: answer.lockedUntil };
}

export async function clearAttempts(subject: ThrottleSubject, executor: Executor = db()) {
  await executor.delete(signInThrottle).where(eq(signInThrottle.key, subject.key)).prepare(SIGN_IN_STATEMENTS.clearAttempts).execute();
}

/**
 * Lifts the sign-in pauses of an account — the one strangers caused and those of its own
 * browsers — when its owner proves who they are another way (a completed reset, a one-time
 * link). The limits on second steps stay: a mailbox is not a second factor.
 */
export async function liftAccountPauses(userId: string, executor: Executor = db()) {
  await executor.delete(signInThrottle).where(and(eq(signInThrottle.userId, userId), inArray(signInThrottle.scope, ['account', 'device'])));
}

/** Until when `subject` is paused, or null. */
export async function pausedUntil(subject: ThrottleSubject, executor: Executor = db()): Promise<Date | null> {
  const [found] = await executor
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(and(eq(signInThrottle.key, subject.key), sql`${signInThrottle.lockedUntil} > now()`));
  return found?.lockedUntil ?? null;
}

/**
 * Counts one event (a failed sign-in, a recovery request, an API request) within a window; at
 * the limit the subject is paused until the window ends. Answers the count in the window so
 * far, this event included (the event that reaches the limit is the last one let through).
 */
export async function countInWindow(
  subject: ThrottleSubject,
  policy: { limit: number; windowMinutes: number },
  executor: Executor = db(),
): Promise<{ count: number; pausedUntil: Date | null }> {
  const window = sql`make_interval(mins => ${policy.windowMinutes})`;
  const [counted] = await executor
    .insert(signInThrottle)
    .values({ ...row(subject), failures: 1 })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.windowStartedAt} < now() - ${window} then 1
          else least(${signInThrottle.failures} + 1, 32000) end`,
        windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < now() - ${window} then now()
          else ${signInThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${signInThrottle.windowStartedAt} >= now() - ${window}
          and ${signInThrottle.failures} + 1 >= ${policy.limit}
          then ${signInThrottle.windowStartedAt} + ${window} else null end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ count: signInThrottle.failures, pausedUntil: signInThrottle.lockedUntil });
  if (!counted) throw new Error('throttle upsert returned no row');
  return { count: counted.count, pausedUntil: counted.pausedUntil };
}

/** Counters untouched for a day and not pausing anything: a day-old failure is not "consecutive". */
export async function deleteStaleThrottleRows(executor: Executor = db()): Promise<number> {
  const rows = await executor
    .delete(signInThrottle)
    .where(
      sql`${signInThrottle.updatedAt} < now() - interval '1 day'
        and (${signInThrottle.lockedUntil} is null or ${signInThrottle.lockedUntil} <= now())`,
    )
    .returning({ key: signInThrottle.key });
  return rows.length;
}

// A batch is its own statement: after an attack that paused many accounts, one statement would
// hold every one of them (their sign-ins wait for it) while it cleared them all.
const PAUSE_COPY_BATCH = 1_000;

/**
 * Clears the copies of account pauses that ran out (drizzle/0018 keeps them while live), in
 * batches. Statements on accounts alone: past times never count as locked, but they would pile
 * up in the Locked filter's indexes.
 */
export async function clearPastPauseCopies(executor: Executor = db()): Promise<number> {
  const past = sql`${users.signInPausedUntil} <= now()`;
  let cleared = 0;
  for (;;) {
    const batch = executor.select({ id: users.id }).from(users).where(past).limit(PAUSE_COPY_BATCH);
    // The time is checked again on the row itself: a pause set meanwhile is kept.
    const rows = await executor
      .update(users)
      .set({ signInPausedUntil: null })
      .where(and(inArray(users.id, batch), past))
      .returning({ id: users.id });
    cleared += rows.length;
    if (rows.length < PAUSE_COPY_BATCH) return cleared;
  }
}
