import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmAuthenticator, enableEmailCodes, startAuthenticatorSetup, turnOffTwoStep } from '@/lib/account/two-step';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { finishSecondFactor, sendSecondFactorEmail, type SignInOutcome } from '@/lib/auth/sign-in-stages';
import { decryptTotpSecret, UnknownTotpKeyError } from '@/lib/auth/totp';
import { reencryptTotpSecrets } from '@/lib/auth/totp-rotation';
import { db } from '@/lib/db/client';
import { sessions, signInChallenges, users } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import { env } from '@/lib/env';
import { signInWithMagicLink } from '@/lib/recovery/magic-link';
import { handleQueuedRequests, requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../../helpers/database';
import { latestEmailTo } from '../../helpers/emails';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.20', userAgent: 'vitest' };
// Codes are computed here with the library's reference implementation, at a time the test sets.
const codeAt = (secret: string, time: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: time });

let clock = Date.UTC(2026, 10, 23, 12, 0, 0);
function setClock(time: number) {
  clock = time;
  vi.setSystemTime(clock);
}
afterEach(() => {
  vi.useRealTimers();
});

/** A user with an authenticator app enrolled at `clock`, and their secret. */
async function userWithAuthenticator() {
  vi.useFakeTimers({ toFake: ['Date'] });
  setClock(clock + 10 * 60_000);
  const made = await makeUser({ locale: 'fr' });
  const person = (await findUserById(made.id))!;
  const { secret } = await startAuthenticatorSetup(person);
  const enabled = await confirmAuthenticator(person, codeAt(secret, clock), request);
  expect(enabled).toMatchObject({ ok: true });
  return { ...made, person, secret, recoveryCodes: (enabled as { recoveryCodes: string[] }).recoveryCodes };
}

async function passwordStep(email: string): Promise<string> {
  const result = await signInWithPassword({ identifier: email, password: GOOD_PASSWORD, ...request });
  expect(result).toMatchObject({ ok: true, outcome: { next: 'second_factor' } });
  return ((result as { outcome: SignInOutcome }).outcome as { challengeToken: string }).challengeToken;
}

const sessionCount = async (userId: string) => (await db().select().from(sessions).where(eq(sessions.userId, userId))).length;

describe('staged sign-in with an authenticator app', () => {
  it('stores the secret encrypted under its own key, never as the secret itself', async () => {
    const user = await userWithAuthenticator();
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row!.totpSecretEncrypted).toBeTruthy();
    expect(row!.totpSecretEncrypted).not.toContain(user.secret);
    expect(row!.totpPendingSecretEncrypted).toBeNull();
    expect(user.secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits in base32
  });

  it('starts no session after the password alone, and one after a code from the app', async () => {
    const user = await userWithAuthenticator();
    const before = await sessionCount(user.id);
    const challenge = await passwordStep(user.email);
    expect(await sessionCount(user.id)).toBe(before);

    setClock(clock + 30_000);
    const result = await finishSecondFactor(challenge, { method: 'totp', code: codeAt(user.secret, clock) }, request);
    expect(result).toMatchObject({ ok: true, userId: user.id });
    expect(await sessionCount(user.id)).toBe(before + 1);
    // The challenge is spent: the same cookie cannot start a second session.
    expect(await finishSecondFactor(challenge, { method: 'totp', code: codeAt(user.secret, clock + 30_000) }, request)).toEqual({
      ok: false,
      reason: 'ended',
    });
  });

  it('accepts one step of drift either way, never two', async () => {
    const user = await userWithAuthenticator();
    setClock(clock + 120_000);
    expect(await finishSecondFactor(await passwordStep(user.email), { method: 'totp', code: codeAt(user.secret, clock - 60_000) }, request)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await finishSecondFactor(await passwordStep(user.email), { method: 'totp', code: codeAt(user.secret, clock + 30_000) }, request)).toMatchObject({ ok: true });
  });

  it('refuses a code already accepted, even when 8 sign-ins race with it', async () => {
    const user = await userWithAuthenticator();
    setClock(clock + 30_000);
    const code = codeAt(user.secret, clock);
    const challenges: string[] = [];
    for (let index = 0; index < 8; index += 1) challenges.push(await passwordStep(user.email));
    const results = await Promise.all(challenges.map((challenge) => finishSecondFactor(challenge, { method: 'totp', code }, request)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);

    // And 8 submissions of one code on one challenge give one session too.
    setClock(clock + 30_000);
    const challenge = await passwordStep(user.email);
    const same = await Promise.all(
      Array.from({ length: 8 }, () => finishSecondFactor(challenge, { method: 'totp', code: codeAt(user.secret, clock) }, request)),
    );
    expect(same.filter((result) => result.ok)).toHaveLength(1);
  });

  it('ends the attempt after 5 wrong codes: even the right one no longer works', async () => {
    const user = await userWithAuthenticator();
    setClock(clock + 30_000);
    const challenge = await passwordStep(user.email);
    const left = [];
    for (let index = 0; index < 5; index += 1) {
      const result = await finishSecondFactor(challenge, { method: 'totp', code: '000000' }, request);
      left.push(result.ok ? 'ok' : result.reason === 'wrong' ? result.attemptsLeft : 'ended');
    }
    expect(left).toEqual([4, 3, 2, 1, 'ended']);
    expect(await finishSecondFactor(challenge, { method: 'totp', code: codeAt(user.secret, clock) }, request)).toEqual({ ok: false, reason: 'ended' });
    expect(await db().select().from(signInChallenges).where(eq(signInChallenges.userId, user.id))).toHaveLength(0);
  });

  it('stops a one-time sign-in link at the second step', async () => {
    const user = await userWithAuthenticator();
    await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'fr', ip: request.ip });
    await handleQueuedRequests();
    const { token } = (await latestEmailTo(user.email))!.secrets as { token: string };
    const before = await sessionCount(user.id);
    expect(await signInWithMagicLink({ token, ...request })).toMatchObject({ ok: true, outcome: { next: 'second_factor' } });
    expect(await sessionCount(user.id)).toBe(before);
  });
});

describe('recovery codes', () => {
  it('are 10, each works once, typed in any case and without the dash', async () => {
    const user = await userWithAuthenticator();
    expect(user.recoveryCodes).toHaveLength(10);
    expect(new Set(user.recoveryCodes).size).toBe(10);
    const [first] = user.recoveryCodes;
    const sloppy = first!.replace('-', ' ').toLowerCase();
    expect(await finishSecondFactor(await passwordStep(user.email), { method: 'recovery', code: sloppy }, request)).toMatchObject({ ok: true });
    expect(await finishSecondFactor(await passwordStep(user.email), { method: 'recovery', code: first! }, request)).toMatchObject({ ok: false, reason: 'wrong' });
  });

  it('give exactly one sign-in when one code is raced by 8 sign-ins', async () => {
    const user = await userWithAuthenticator();
    const code = user.recoveryCodes[1]!;
    const challenges: string[] = [];
    for (let index = 0; index < 8; index += 1) challenges.push(await passwordStep(user.email));
    const results = await Promise.all(challenges.map((challenge) => finishSecondFactor(challenge, { method: 'recovery', code }, request)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });
});

describe('emailed codes', () => {
  it('send a code in the language of the page, which finishes the sign-in', async () => {
    const made = await makeUser({ locale: 'en' });
    const person = (await findUserById(made.id))!;
    const enabled = await enableEmailCodes(person, request);
    expect(enabled.recoveryCodes).toHaveLength(10);
    const challenge = await passwordStep(made.email);
    expect(await sendSecondFactorEmail(challenge, 'fr', request)).toBe('sent');
    const email = await latestEmailTo(made.email);
    expect([email?.template, email?.locale]).toEqual(['twoStepCode', 'fr']);
    expect(await finishSecondFactor(challenge, { method: 'email', code: '999999' === email!.secrets.code ? '000000' : '999999' }, request)).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await finishSecondFactor(challenge, { method: 'email', code: email!.secrets.code! }, request)).toMatchObject({ ok: true });
  });
});

describe('changing 2-step verification', () => {
  it('ends every other session and tells the owner, in their language', async () => {
    const user = await userWithAuthenticator();
    setClock(clock + 30_000);
    await finishSecondFactor(await passwordStep(user.email), { method: 'totp', code: codeAt(user.secret, clock) }, request);
    expect(await sessionCount(user.id)).toBeGreaterThan(0);
    const renewed = await turnOffTwoStep(user.person, request);
    const remaining = await db().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(remaining).toHaveLength(1);
    expect(renewed).toBeTruthy();
    const notice = await latestEmailTo(user.email);
    expect([notice?.template, notice?.locale, notice?.props.event]).toEqual(['securityNotice', 'fr', 'twoStepDisabled']);
    // Without 2-step the password alone signs in again.
    const result = await signInWithPassword({ identifier: user.email, password: GOOD_PASSWORD, ...request });
    expect(result).toMatchObject({ ok: true, outcome: { next: 'session' } });
  });
});

describe('rotating the TOTP key', () => {
  it('reads old secrets with the previous key, re-encrypts them, and then needs only the new key', async () => {
    const user = await userWithAuthenticator();
    const storedSecret = async () => (await db().select().from(users).where(eq(users.id, user.id)))[0]!.totpSecretEncrypted!;
    const oldKey = env().TOTP_ENCRYPTION_KEY;
    const newKey = Buffer.alloc(32, 9).toString('base64');
    const underOld = await storedSecret();
    try {
      Object.assign(env(), { TOTP_ENCRYPTION_KEY: newKey, TOTP_PREVIOUS_KEYS: [] });
      expect(() => decryptTotpSecret(underOld)).toThrow(UnknownTotpKeyError);

      Object.assign(env(), { TOTP_PREVIOUS_KEYS: [oldKey] });
      expect((await reencryptTotpSecrets()).reencrypted).toBeGreaterThanOrEqual(1);
      const underNew = await storedSecret();
      expect(underNew).not.toBe(underOld);
      expect((await reencryptTotpSecrets()).reencrypted).toBe(0);

      Object.assign(env(), { TOTP_PREVIOUS_KEYS: [] });
      expect(decryptTotpSecret(underNew)).toBe(user.secret);
      setClock(clock + 30_000);
      expect(await finishSecondFactor(await passwordStep(user.email), { method: 'totp', code: codeAt(user.secret, clock) }, request)).toMatchObject({ ok: true });
    } finally {
      Object.assign(env(), { TOTP_ENCRYPTION_KEY: oldKey, TOTP_PREVIOUS_KEYS: [] });
    }
  });
});
