import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { accountTokens, sessions, signInThrottle } from '@/lib/db/schema';
import { createSession } from '@/lib/db/sessions';
import { setSecurityQuestion } from '@/lib/db/users';
import { exchangeEmailedCode } from '@/lib/recovery/emailed-code';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { openMagicLink } from '@/lib/recovery/magic-link';
import { answerResetQuestion, completeReset, openReset } from '@/lib/recovery/reset-password';
import { hashAnswer } from '@/lib/recovery/security-questions';
import { withMigratedDatabase } from '../../helpers/database';
import { handleQueuedRequests } from '../../helpers/jobs';
import { emailsTo, latestEmailTo } from '../../helpers/emails';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const NEW_PASSWORD = 'copper kettles sing at dawn';
const ip = '198.51.100.4';

async function askForReset(identifier: string, locale: 'en' | 'fr' = 'en') {
  await requestEmailedLink({ kind: 'password_reset', identifier, locale, ip });
  await handleQueuedRequests();
}

async function resetEmail(email: string) {
  const message = await latestEmailTo(email);
  expect(message?.template).toBe('passwordReset');
  return message!.secrets as { token: string; code: string };
}

const signIn = (identifier: string, password: string) => signInWithPassword({ identifier, password, ip: null, userAgent: null, knownDevices: [] });

describe('forgot password', () => {
  it('reads a national phone number, later and off the request path, in the country it was asked with', async () => {
    const user = await makeUser({ phone: '+1 514 555 0177' });
    await requestEmailedLink({ kind: 'password_reset', identifier: '514 555 0177', phoneRegion: 'FR', locale: 'fr', ip });
    await handleQueuedRequests();
    expect(await emailsTo(user.email)).toEqual([]);
    await requestEmailedLink({ kind: 'password_reset', identifier: '514 555 0177', phoneRegion: 'CA', locale: 'fr', ip });
    await handleQueuedRequests();
    expect((await latestEmailTo(user.email))?.template).toBe('passwordReset');
  });

  it('emails one link and one code, stores only their hashes, and changes nothing until the reset completes', async () => {
    const user = await makeUser();
    await askForReset(user.email, 'fr');
    const { token, code } = await resetEmail(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(code).toMatch(/^\d{6}$/);

    const rows = await db().execute(sql`select row_to_json(t)::text as json from account_tokens t where user_id = ${user.id}`);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(code);
    expect((await emailsTo(user.email)).at(-1)?.locale).toBe('fr');

    expect(await signIn(user.email, GOOD_PASSWORD)).toMatchObject({ ok: true });
  });

  it('sends at most 5 recovery emails per account per hour, silently', async () => {
    const user = await makeUser();
    for (let index = 0; index < 7; index += 1) await askForReset(user.username!);
    await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'en', ip });
    await handleQueuedRequests();
    expect(await emailsTo(user.email)).toHaveLength(5);
  });

  it('queues nothing for unknown or deactivated accounts, and a welcome link for a pending one', async () => {
    const deactivated = await makeUser({ state: 'deactivated' });
    const pending = await makeUser({ state: 'pending', password: undefined });
    await askForReset('nobody@example.com');
    await askForReset(deactivated.email);
    await askForReset(pending.email, 'fr');
    expect(await emailsTo('nobody@example.com')).toHaveLength(0);
    expect(await emailsTo(deactivated.email)).toHaveLength(0);
    const pendingEmails = await emailsTo(pending.email);
    expect(pendingEmails.map((email) => [email.template, email.locale])).toEqual([
      ['activation', 'en'],
      ['activation', 'fr'],
    ]);
  });
});

describe('reset with the link', () => {
  it('changes the password, revokes sessions and tokens, lifts the pause and tells the owner in the journey language', async () => {
    const user = await makeUser({ locale: 'en' });
    await createSession({ userId: user.id, ip, userAgent: null, absoluteHours: 24 });
    for (let index = 0; index < 5; index += 1) await signIn(user.email, `wrong password ${index}`);
    expect(await signIn(user.email, GOOD_PASSWORD)).toMatchObject({ reason: 'locked' });

    await askForReset(user.email, 'fr');
    const { token } = await resetEmail(user.email);
    await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'en', ip });
    await handleQueuedRequests();
    const magic = (await latestEmailTo(user.email))!.secrets as { token: string };

    expect(await openReset(token)).toEqual({ ok: true, step: 'password', locale: 'fr', username: user.email });
    expect(await completeReset({ token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip })).toEqual({ ok: true, locale: 'fr' });

    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await db().select().from(signInThrottle).where(eq(signInThrottle.userId, user.id))).toHaveLength(0);
    const live = await db()
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, user.id), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)));
    expect(live).toHaveLength(0);
    expect(await openReset(magic.token)).toEqual({ ok: false, problem: 'invalid' });

    const notice = await latestEmailTo(user.email);
    expect([notice?.template, notice?.locale]).toEqual(['passwordChanged', 'fr']);
    expect(await signIn(user.email, GOOD_PASSWORD)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await signIn(user.email, NEW_PASSWORD)).toMatchObject({ ok: true });
  });

  it('refuses a password the policy refuses, and keeps the link usable', async () => {
    const user = await makeUser();
    await askForReset(user.email);
    const { token } = await resetEmail(user.email);
    expect(await completeReset({ token, password: 'password1234', confirmation: 'password1234', ip })).toEqual({
      ok: false,
      problem: 'password',
      passwordProblems: ['common'],
    });
    expect(await completeReset({ token, password: NEW_PASSWORD, confirmation: `${NEW_PASSWORD}!`, ip })).toMatchObject({
      passwordProblems: ['mismatch'],
    });
    expect(await completeReset({ token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip })).toMatchObject({ ok: true });
  });

  it('refuses used, expired, altered and wrong-purpose links, each with its reason', async () => {
    const user = await makeUser();
    await askForReset(user.email);
    const { token } = await resetEmail(user.email);
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await openReset(altered)).toEqual({ ok: false, problem: 'invalid' });
    expect(await openReset('not a token')).toEqual({ ok: false, problem: 'invalid' });

    await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'en', ip });
    await handleQueuedRequests();
    const magic = (await latestEmailTo(user.email))!.secrets as { token: string };
    expect(await openReset(magic.token)).toEqual({ ok: false, problem: 'invalid' });

    await db().update(accountTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(accountTokens.userId, user.id));
    expect(await openReset(token)).toEqual({ ok: false, problem: 'expired' });
    expect(await completeReset({ token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip })).toEqual({ ok: false, problem: 'expired' });

    await askForReset(user.email);
    const fresh = await resetEmail(user.email);
    await completeReset({ token: fresh.token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip });
    expect(await openReset(fresh.token)).toEqual({ ok: false, problem: 'used' });
  });

  it('says a link was replaced by a newer one, or cancelled by a password change, rather than "used"', async () => {
    const user = await makeUser();
    await askForReset(user.email);
    const first = await resetEmail(user.email);
    await askForReset(user.email);
    const second = await resetEmail(user.email);
    expect(await openReset(first.token)).toEqual({ ok: false, problem: 'superseded' });

    await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'en', ip });
    await handleQueuedRequests();
    const magic = (await latestEmailTo(user.email))!.secrets as { token: string };
    await completeReset({ token: second.token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip });
    expect(await openMagicLink(magic.token)).toEqual({ ok: false, problem: 'passwordChanged' });
    expect(await openReset(second.token)).toEqual({ ok: false, problem: 'used' });
  });

  it('lets exactly one of 8 parallel redemptions of one link succeed', async () => {
    const user = await makeUser();
    await askForReset(user.email);
    const { token } = await resetEmail(user.email);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        completeReset({ token, password: `${NEW_PASSWORD} ${index}`, confirmation: `${NEW_PASSWORD} ${index}`, ip }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await emailsTo(user.email)).filter((email) => email.template === 'passwordChanged')).toHaveLength(1);
  });
});

describe('reset with the code', () => {
  it('trades the right code, with spaces, for a link once; a code is bound to its account', async () => {
    const user = await makeUser();
    const other = await makeUser();
    await askForReset(user.email);
    const { code } = await resetEmail(user.email);
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(await exchangeEmailedCode({ purpose: 'password_reset', identifier: other.email, code, ip })).toBeNull();
    expect(await exchangeEmailedCode({ purpose: 'magic_link', identifier: user.email, code, ip })).toBeNull();
    const token = await exchangeEmailedCode({ purpose: 'password_reset', identifier: user.email, code: spaced, ip });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await exchangeEmailedCode({ purpose: 'password_reset', identifier: user.email, code, ip })).toBeNull();
    expect(await openReset(token!)).toMatchObject({ ok: true, step: 'password' });
  });

  it('gives exactly one success to 8 parallel redemptions of one code', async () => {
    const user = await makeUser();
    await askForReset(user.email);
    const { code } = await resetEmail(user.email);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => exchangeEmailedCode({ purpose: 'password_reset', identifier: user.email, code, ip })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets no more than 5 of 50 parallel wrong guesses reach the comparison, then burns the code', async () => {
    const user = await makeUser();
    await askForReset(user.email);
    const { code } = await resetEmail(user.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => exchangeEmailedCode({ purpose: 'password_reset', identifier: user.email, code: wrong, ip })),
    );
    expect(results.every((result) => result === null)).toBe(true);
    const [row] = await db().select({ attempts: accountTokens.codeAttempts }).from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(row?.attempts).toBe(5);
    expect(await exchangeEmailedCode({ purpose: 'password_reset', identifier: user.email, code, ip })).toBeNull();
  });

  it('refuses an expired code even while the link still works', async () => {
    const user = await makeUser();
    await askForReset(user.email);
    const { token, code } = await resetEmail(user.email);
    await db().update(accountTokens).set({ codeExpiresAt: sql`now() - interval '1 second'` }).where(eq(accountTokens.userId, user.id));
    expect(await exchangeEmailedCode({ purpose: 'password_reset', identifier: user.email, code, ip })).toBeNull();
    expect(await openReset(token)).toMatchObject({ ok: true });
  });
});

describe('the security question during a reset', () => {
  async function userWithQuestion() {
    const user = await makeUser();
    await setSecurityQuestion(user.id, { key: 'firstStreet', answerHash: await hashAnswer('Rue de l’Église') });
    await askForReset(user.email);
    return { user, ...(await resetEmail(user.email)) };
  }

  it('is asked first; a normalised right answer opens the password step', async () => {
    const { token } = await userWithQuestion();
    expect(await openReset(token)).toMatchObject({ ok: true, step: 'question', question: 'firstStreet' });
    expect(await completeReset({ token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip })).toEqual({ ok: false, problem: 'used' });
    expect(await answerResetQuestion({ token, answer: 'wrong street', ip })).toEqual({ ok: false, problem: 'wrongAnswer', attemptsLeft: 2 });
    expect(await answerResetQuestion({ token, answer: '  RUE DE L’EGLISE ', ip })).toEqual({ ok: true });
    expect(await openReset(token)).toMatchObject({ ok: true, step: 'password' });
    expect(await completeReset({ token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD, ip })).toMatchObject({ ok: true });
  });

  it('ends the reset after 3 wrong answers', async () => {
    const { token } = await userWithQuestion();
    expect(await answerResetQuestion({ token, answer: 'one', ip })).toMatchObject({ attemptsLeft: 2 });
    expect(await answerResetQuestion({ token, answer: 'two', ip })).toMatchObject({ attemptsLeft: 1 });
    expect(await answerResetQuestion({ token, answer: 'three', ip })).toEqual({ ok: false, problem: 'answersExhausted' });
    // Opened again later, the link says what ended it, not that it was used.
    expect(await answerResetQuestion({ token, answer: 'Rue de l’Église', ip })).toEqual({ ok: false, problem: 'answersExhausted' });
    expect(await openReset(token)).toEqual({ ok: false, problem: 'answersExhausted' });
  });
});
