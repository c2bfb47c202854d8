import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { sessions, users } from '@/lib/db/schema';
import { exchangeEmailedCode } from '@/lib/recovery/emailed-code';
import { openMagicLink, signInWithMagicLink } from '@/lib/recovery/magic-link';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../../helpers/database';
import { handleQueuedRequests } from '../../helpers/jobs';
import { latestEmailTo } from '../../helpers/emails';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.9', userAgent: 'vitest', knownDevices: [] };

async function magicEmail(email: string, locale: 'en' | 'fr' = 'en', identifier = email) {
  await requestEmailedLink({ kind: 'magic_link', identifier, locale, ip: request.ip });
  await handleQueuedRequests();
  const message = await latestEmailTo(email);
  expect([message?.template, message?.locale]).toEqual(['magicLink', locale]);
  return message!.secrets as { token: string; code: string };
}

describe('one-time sign-in links', () => {
  it('are not spent by opening them, and sign in exactly once', async () => {
    const user = await makeUser();
    const { token } = await magicEmail(user.email, 'fr');
    expect(await openMagicLink(token)).toEqual({ ok: true, locale: 'fr' });
    expect(await openMagicLink(token)).toEqual({ ok: true, locale: 'fr' });
    const results = await Promise.all(Array.from({ length: 8 }, () => signInWithMagicLink({ token, ...request })));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    expect(await openMagicLink(token)).toEqual({ ok: false, problem: 'used' });
  });

  it('work with the emailed code instead, and lift a sign-in pause', async () => {
    const user = await makeUser();
    for (let index = 0; index < 5; index += 1) {
      await signInWithPassword({ identifier: user.email, password: `wrong ${index}`, ip: null, userAgent: null, knownDevices: [] });
    }
    const { code } = await magicEmail(user.email, 'en', user.username!);
    const token = await exchangeEmailedCode({ purpose: 'magic_link', identifier: user.email, code, ip: request.ip });
    expect(token).not.toBeNull();
    expect(await signInWithMagicLink({ token: token!, ...request })).toMatchObject({ ok: true });
    expect(await signInWithPassword({ identifier: user.email, password: 'wrong again', ip: null, userAgent: null, knownDevices: [] })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('stop working when the account is deactivated meanwhile', async () => {
    const user = await makeUser();
    const { token } = await magicEmail(user.email);
    await db().update(users).set({ state: 'deactivated' }).where(eq(users.id, user.id));
    expect(await openMagicLink(token)).toEqual({ ok: false, problem: 'invalid' });
    expect(await signInWithMagicLink({ token, ...request })).toEqual({ ok: false, problem: 'invalid' });
  });
});
