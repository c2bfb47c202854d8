import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { accountTokens, sessions, signInThrottle } from '@/lib/db/schema';
import { createSession } from '@/lib/db/sessions';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { pruneDeadRows } from '@/lib/maintenance';
import { handleQueuedRequests, requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../helpers/database';
import { makeUser } from '../helpers/users';

withMigratedDatabase();

describe('pruning dead rows', () => {
  it('deletes ended sessions, week-old tokens and day-old idle counters, and keeps everything alive', async () => {
    const user = await makeUser();
    const session = (hours = 24) => createSession({ userId: user.id, ip: null, userAgent: null, absoluteHours: hours });
    await session();
    await db().update(sessions).set({ claimedAt: sql`now()` }).where(eq(sessions.userId, user.id));
    await session();
    await db().update(sessions).set({ claimedAt: sql`now()`, expiresAt: sql`now() - interval '1 second'` }).where(sql`${sessions.userId} = ${user.id} and ${sessions.claimedAt} is null`);
    await session();
    await db().update(sessions).set({ createdAt: sql`now() - interval '2 minutes'` }).where(sql`${sessions.userId} = ${user.id} and ${sessions.claimedAt} is null`);

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
