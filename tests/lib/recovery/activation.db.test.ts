import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { accountTokens, users } from '@/lib/db/schema';
import { completeActivation, openActivation } from '@/lib/recovery/activate';
import { requestEmailedLink, requestFreshActivation } from '@/lib/recovery/request-email';
import { answerMatches } from '@/lib/recovery/security-questions';
import { withMigratedDatabase } from '../../helpers/database';
import { handleQueuedRequests } from '../../helpers/jobs';
import { emailsTo, latestEmailTo } from '../../helpers/emails';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

const PASSWORD = 'seven quiet harbours glow';
const ip = '198.51.100.20';

async function pendingUser(locale: 'en' | 'fr' = 'fr') {
  const user = await makeUser({ state: 'pending', password: undefined, locale });
  const welcome = await latestEmailTo(user.email);
  expect([welcome?.template, welcome?.locale]).toEqual(['activation', locale]);
  return { user, token: (welcome!.secrets as { token: string }).token };
}

const form = (token: string, overrides: Partial<Parameters<typeof completeActivation>[0]> = {}) => ({
  token,
  password: PASSWORD,
  confirmation: PASSWORD,
  question: 'firstPet',
  answer: 'Médor',
  ip,
  ...overrides,
});

describe('activation', () => {
  it('creating a pending account emails a welcome link in its language', async () => {
    const { token } = await pendingUser('fr');
    expect(await openActivation(token)).toMatchObject({ ok: true, locale: 'fr' });
  });

  it('reports every problem of the form at once and spends nothing', async () => {
    const { token } = await pendingUser();
    expect(await completeActivation(form(token, { password: 'kq7#Zp', question: 'favouriteColour', answer: ' ' }))).toEqual({
      ok: false,
      problem: 'form',
      problems: { password: ['tooShort', 'mismatch'], question: 'required', answer: 'answerTooShort' },
    });
    expect(await openActivation(token)).toMatchObject({ ok: true });
  });

  it('sets the password and the security question, activates, and works once', async () => {
    const { user, token } = await pendingUser();
    expect(await completeActivation(form(token))).toEqual({ ok: true, locale: 'fr' });
    expect(await completeActivation(form(token))).toEqual({ ok: false, problem: 'used' });
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row?.state).toBe('active');
    expect(row?.securityQuestion).toBe('firstPet');
    expect(row?.securityAnswerHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await answerMatches(row!.securityAnswerHash!, 'MEDOR')).toBe(true);
    expect(await signInWithPassword({ identifier: user.email, password: PASSWORD, ip, userAgent: null, knownDevices: [] })).toMatchObject({ ok: true });
  });

  it('sends a fresh link from an expired one, and from the identifier', async () => {
    const { user, token } = await pendingUser('en');
    await db().update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.userId, user.id));
    expect(await openActivation(token)).toEqual({ ok: false, problem: 'expired' });
    await requestFreshActivation({ token, locale: 'fr', ip });
    await handleQueuedRequests();
    const fresh = await latestEmailTo(user.email);
    expect(fresh?.locale).toBe('fr');
    expect(await openActivation((fresh!.secrets as { token: string }).token)).toMatchObject({ ok: true, locale: 'fr' });
    await requestEmailedLink({ kind: 'activation', identifier: user.email, locale: 'en', ip });
    await handleQueuedRequests();
    expect(await emailsTo(user.email)).toHaveLength(3);
  });

  it('never sends an activation link to an account that is already active', async () => {
    const user = await makeUser();
    await requestEmailedLink({ kind: 'activation', identifier: user.email, locale: 'en', ip });
    await handleQueuedRequests();
    expect(await emailsTo(user.email)).toHaveLength(0);
  });
});
