import 'server-only';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { db, type Executor } from './client';
import { publicUserColumns } from './users';
import { accessKeys, teams, users } from './schema';

/** What an admin sees of a key: never its hash. */
const listedKeyColumns = {
  id: accessKeys.id,
  name: accessKeys.name,
  displayPrefix: accessKeys.displayPrefix,
  createdAt: accessKeys.createdAt,
  lastUsedAt: accessKeys.lastUsedAt,
  revokedAt: accessKeys.revokedAt,
};

export type ListedAccessKey = Awaited<ReturnType<typeof listAccessKeys>>[number];

/** The account's keys, newest first, revoked ones included (they explain past use). */
export async function listAccessKeys(userId: string, executor: Executor = db()) {
  return executor
    .select(listedKeyColumns)
    .from(accessKeys)
    .where(eq(accessKeys.userId, userId))
    .orderBy(desc(accessKeys.createdAt), desc(accessKeys.id));
}

export async function insertAccessKey(
  key: { userId: string; name: string; secretHash: string; displayPrefix: string; createdByUserId: string },
  executor: Executor = db(),
) {
  const [row] = await executor.insert(accessKeys).values(key).returning(listedKeyColumns);
  return row!;
}

/** Revokes one live key of the account; undefined when it is not one (unknown, another's, already revoked). */
export async function revokeAccessKey(userId: string, keyId: string, executor: Executor = db()) {
  if (!/^[0-9a-f-]{36}$/i.test(keyId)) return undefined;
  const [row] = await executor
    .update(accessKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessKeys.id, keyId), eq(accessKeys.userId, userId), isNull(accessKeys.revokedAt)))
    .returning(listedKeyColumns);
  return row;
}

/** Every live key of the account stops working at once (deactivation, for one). */
export async function revokeUserAccessKeys(userId: string, executor: Executor = db()): Promise<number> {
  const rows = await executor
    .update(accessKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessKeys.userId, userId), isNull(accessKeys.revokedAt)))
    .returning({ id: accessKeys.id });
  return rows.length;
}

/** The key with this hash and its owner as the API describes them, whatever their state. */
export async function findAccessKeyByHash(secretHash: string, executor: Executor = db()) {
  const [row] = await executor
    .select({ keyId: accessKeys.id, revokedAt: accessKeys.revokedAt, owner: publicUserColumns })
    .from(accessKeys)
    .innerJoin(users, eq(accessKeys.userId, users.id))
    .leftJoin(teams, eq(users.teamId, teams.id))
    .where(eq(accessKeys.secretHash, secretHash));
  return row;
}

/**
 * Records a use of the key. A key used in a loop would otherwise write on every request; a
 * minute's precision is all "last used" needs, so a recent mark is left as it is.
 */
export async function markAccessKeyUsed(keyId: string, executor: Executor = db()): Promise<void> {
  await executor
    .update(accessKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(accessKeys.id, keyId), or(isNull(accessKeys.lastUsedAt), lt(accessKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
}
