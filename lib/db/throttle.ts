import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { signInThrottle } from './schema';

export type Reservation =
  | { allowed: true; lockedUntil: Date | null }
  | { allowed: false; lockedUntil: Date };

/**
 * Counts an attempt before the password is compared, under a row lock, so that parallel
 * attempts can never get more than `threshold` comparisons. The attempt that reaches the
 * threshold sets the pause; a success clears the row.
 */
export async function reserveAttempt(
  key: string,
  policy: { threshold: number; lockMinutes: number },
  executor: Executor = db(),
): Promise<Reservation> {
  return executor.transaction(async (tx) => {
    await tx.insert(signInThrottle).values({ key }).onConflictDoNothing();
    const [row] = await tx
      .select({
        failures: signInThrottle.failures,
        lockedUntil: signInThrottle.lockedUntil,
        locked: sql<boolean>`coalesce(${signInThrottle.lockedUntil} > now(), false)`,
      })
      .from(signInThrottle)
      .where(eq(signInThrottle.key, key))
      .for('update');
    if (!row) throw new Error('throttle row vanished');
    if (row.locked && row.lockedUntil) return { allowed: false, lockedUntil: row.lockedUntil };

    // A pause that has run out starts a fresh count.
    const failures = (row.lockedUntil ? 0 : row.failures) + 1;
    const [updated] = await tx
      .update(signInThrottle)
      .set({
        failures,
        lockedUntil:
          failures >= policy.threshold ? sql`now() + make_interval(mins => ${policy.lockMinutes})` : null,
        updatedAt: sql`now()`,
      })
      .where(eq(signInThrottle.key, key))
      .returning({ lockedUntil: signInThrottle.lockedUntil });
    return { allowed: true, lockedUntil: updated?.lockedUntil ?? null };
  });
}

export async function clearAttempts(key: string, executor: Executor = db()) {
  await executor.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

/** Until when `key` is paused, or null. */
export async function pausedUntil(key: string, executor: Executor = db()): Promise<Date | null> {
  const [row] = await executor
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(sql`${signInThrottle.key} = ${key} and ${signInThrottle.lockedUntil} > now()`);
  return row?.lockedUntil ?? null;
}

/**
 * Failures from one network address within a sliding window; past the limit the address is
 * paused until the window ends. Successes do not reset it: a sprayer may own one real account.
 */
export async function recordWindowFailure(
  key: string,
  policy: { limit: number; windowMinutes: number },
  executor: Executor = db(),
): Promise<void> {
  const window = sql`make_interval(mins => ${policy.windowMinutes})`;
  await executor
    .insert(signInThrottle)
    .values({ key, failures: 1 })
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
    });
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
