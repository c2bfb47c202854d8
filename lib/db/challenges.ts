import 'server-only';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { signInChallenges, type ChallengeKind, type SignInMethod } from './schema';

export async function insertChallenge(
  values: { tokenHash: string; userId: string; kind: ChallengeKind; method: SignInMethod; minutes: number },
  executor: Executor,
): Promise<void> {
  await executor.insert(signInChallenges).values({
    tokenHash: values.tokenHash,
    userId: values.userId,
    kind: values.kind,
    method: values.method,
    expiresAt: sql`now() + make_interval(mins => ${values.minutes})`,
  });
}

/** A live challenge of a kind, read without spending anything (to draw its page). */
export async function findChallenge(tokenHash: string, kind: ChallengeKind, executor: Executor = db()) {
  const [row] = await executor
    .select()
    .from(signInChallenges)
    .where(and(eq(signInChallenges.tokenHash, tokenHash), eq(signInChallenges.kind, kind), gt(signInChallenges.expiresAt, sql`now()`)));
  return row;
}

/**
 * Counts one attempt before anything is compared, in one conditional UPDATE: parallel guesses
 * cannot share an attempt, and past `maxAttempts` nothing is returned.
 */
export async function reserveChallengeAttempt(tokenHash: string, kind: ChallengeKind, maxAttempts: number, executor: Executor = db()) {
  const [row] = await executor
    .update(signInChallenges)
    .set({ attempts: sql`${signInChallenges.attempts} + 1` })
    .where(
      and(
        eq(signInChallenges.tokenHash, tokenHash),
        eq(signInChallenges.kind, kind),
        gt(signInChallenges.expiresAt, sql`now()`),
        lt(signInChallenges.attempts, maxAttempts),
      ),
    )
    .returning();
  return row;
}

/** Spends the challenge: only one caller gets the row back. */
export async function deleteChallenge(id: string, executor: Executor): Promise<boolean> {
  const rows = await executor.delete(signInChallenges).where(eq(signInChallenges.id, id)).returning({ id: signInChallenges.id });
  return rows.length === 1;
}

/** A password, 2-step or address change ends every sign-in between its stages. */
export async function deleteUserChallenges(userId: string, executor: Executor): Promise<void> {
  await executor.delete(signInChallenges).where(eq(signInChallenges.userId, userId));
}

export async function deleteChallengeByToken(tokenHash: string, executor: Executor = db()): Promise<void> {
  await executor.delete(signInChallenges).where(eq(signInChallenges.tokenHash, tokenHash));
}

/** A new emailed code replaces the previous one; at most `maxSends` per challenge. */
export async function setChallengeEmailCode(
  id: string,
  values: { codeHash: string; minutes: number; maxSends: number },
  executor: Executor,
): Promise<boolean> {
  const rows = await executor
    .update(signInChallenges)
    .set({
      emailCodeHash: values.codeHash,
      emailCodeExpiresAt: sql`now() + make_interval(mins => ${values.minutes})`,
      emailCodesSent: sql`${signInChallenges.emailCodesSent} + 1`,
    })
    .where(and(eq(signInChallenges.id, id), lt(signInChallenges.emailCodesSent, values.maxSends)))
    .returning({ id: signInChallenges.id });
  return rows.length === 1;
}

export async function deleteDeadChallenges(executor: Executor = db()): Promise<number> {
  const rows = await executor
    .delete(signInChallenges)
    .where(sql`${signInChallenges.expiresAt} <= now()`)
    .returning({ id: signInChallenges.id });
  return rows.length;
}
