import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { revokeOtherSessions, revokeOwnSession } from '@/lib/auth/sign-out';
import { db } from '@/lib/db/client';
import { sessions, users } from '@/lib/db/schema';
import { createSession, findLiveSession, listUserSessions } from '@/lib/db/sessions';
import { sha256 } from '@/lib/crypto';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

async function liveSessionFor(userId: string) {
  const token = await createSession({ userId, ip: '192.0.2.1', userAgent: 'vitest', absoluteHours: 24 });
  expect(await findLiveSession(token, 60)).toMatchObject({ userId });
  return token;
}

const age = (token: string, column: 'last_seen_at' | 'expires_at', interval: string) =>
  db().execute(sql`update sessions set ${sql.raw(column)} = now() - ${interval}::interval where token_hash = ${sha256(token)}`);

describe('sessions', () => {
  it('stores only a hash of the session token', async () => {
    const user = await makeUser();
    const token = await liveSessionFor(user.id);
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.tokenHash).toBe(sha256(token));
  });

  it('ends a session as soon as its row is deleted', async () => {
    const user = await makeUser();
    const token = await liveSessionFor(user.id);
    expect(await findLiveSession(token, 60)).toMatchObject({ userId: user.id });
    await db().delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    expect(await findLiveSession(token, 60)).toBeUndefined();
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const user = await makeUser();
    const token = await liveSessionFor(user.id);
    await age(token, 'last_seen_at', '59 minutes');
    expect(await findLiveSession(token, 60)).toBeDefined();
    await age(token, 'last_seen_at', '61 minutes');
    expect(await findLiveSession(token, 60)).toBeUndefined();
  });

  it('ends a session past its absolute lifetime however active it is', async () => {
    const user = await makeUser();
    const token = await liveSessionFor(user.id);
    await age(token, 'expires_at', '1 second');
    expect(await findLiveSession(token, 60)).toBeUndefined();
  });

  it('ends the sessions of an account that is no longer active', async () => {
    const user = await makeUser();
    const token = await liveSessionFor(user.id);
    await db().update(users).set({ state: 'deactivated' }).where(eq(users.id, user.id));
    expect(await findLiveSession(token, 60)).toBeUndefined();
  });

  it('lets a person sign out their own other sessions, and only theirs', async () => {
    const user = await makeUser();
    const stranger = await makeUser();
    const current = await liveSessionFor(user.id);
    const other = await liveSessionFor(user.id);
    const strangers = await liveSessionFor(stranger.id);
    const strangerSession = await findLiveSession(strangers, 60);

    expect(await revokeOwnSession(user.id, strangerSession!.id, null)).toBe(false);
    expect(await findLiveSession(strangers, 60)).toBeDefined();

    const otherSession = await findLiveSession(other, 60);
    expect(await revokeOwnSession(user.id, otherSession!.id, null)).toBe(true);
    expect(await findLiveSession(other, 60)).toBeUndefined();

    await liveSessionFor(user.id);
    await liveSessionFor(user.id);
    const currentSession = await findLiveSession(current, 60);
    expect(await revokeOtherSessions(user.id, currentSession!.id, null)).toBe(2);
    expect((await listUserSessions(user.id, 60)).map((row) => row.id)).toEqual([currentSession!.id]);
  });
});
