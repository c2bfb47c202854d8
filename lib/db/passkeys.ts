import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { passkeys, spentPasskeyChallenges } from './schema';

export type StoredPasskey = typeof passkeys.$inferSelect;

/** What a person sees of their passkeys (and an admin of theirs): never the key itself. */
export async function listPasskeys(userId: string, executor: Executor = db()) {
  return executor
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
}

/** The credential ids an authenticator must not register again for this account. */
export async function passkeyCredentialIds(userId: string, executor: Executor = db()) {
  return executor.select({ id: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, userId));
}

export async function findPasskeyByCredentialId(credentialId: string, executor: Executor = db()): Promise<StoredPasskey | undefined> {
  const [row] = await executor.select().from(passkeys).where(eq(passkeys.credentialId, credentialId));
  return row;
}

/** Stores a new passkey; false when that credential is already registered (to anyone). */
export async function insertPasskey(
  values: { userId: string; credentialId: string; publicKey: string; counter: number; transports: string[]; name: string },
  executor: Executor,
): Promise<{ id: string } | null> {
  const [row] = await executor.insert(passkeys).values(values).onConflictDoNothing().returning({ id: passkeys.id });
  return row ?? null;
}

/**
 * Moves the counter from the value the signature was checked against to the signature's, in
 * one conditional UPDATE: of two signatures with the same counter racing in, one wins.
 */
export async function recordPasskeyUse(id: string, seenCounter: number, newCounter: number, executor: Executor): Promise<boolean> {
  const rows = await executor
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: sql`now()` })
    .where(and(eq(passkeys.id, id), eq(passkeys.counter, seenCounter)))
    .returning({ id: passkeys.id });
  return rows.length === 1;
}

/** Removes one of the account's passkeys; the removed passkey's name, or null. */
export async function deletePasskey(userId: string, id: string, executor: Executor): Promise<string | null> {
  const [row] = await executor
    .delete(passkeys)
    .where(and(eq(passkeys.userId, userId), eq(passkeys.id, id)))
    .returning({ name: passkeys.name });
  return row?.name ?? null;
}

/** Marks a challenge answered; false when an answer to it was already taken. */
export async function spendChallenge(mac: string, expiresAt: Date, executor: Executor): Promise<boolean> {
  const rows = await executor.insert(spentPasskeyChallenges).values({ mac, expiresAt }).onConflictDoNothing().returning({ mac: spentPasskeyChallenges.mac });
  return rows.length === 1;
}

export async function deleteExpiredSpentChallenges(executor: Executor = db()): Promise<number> {
  const rows = await executor.delete(spentPasskeyChallenges).where(sql`${spentPasskeyChallenges.expiresAt} <= now()`).returning({ mac: spentPasskeyChallenges.mac });
  return rows.length;
}
