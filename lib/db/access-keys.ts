import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { db, type Executor } from './client';
import { accessKeys } from './schema';

/** Every live key of the account stops working at once (deactivation, for one). */
export async function revokeUserAccessKeys(userId: string, executor: Executor = db()): Promise<number> {
  const rows = await executor
    .update(accessKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessKeys.userId, userId), isNull(accessKeys.revokedAt)))
    .returning({ id: accessKeys.id });
  return rows.length;
}
