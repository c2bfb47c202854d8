import { eq, inArray, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmAuthenticator, enableEmailCodes, regenerateRecoveryCodes, startAuthenticatorSetup, turnOffTwoStep } from '@/lib/account/two-step';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { finishSecondFactor } from '@/lib/auth/second-factor-check';
import { sendSecondFactorEmail } from '@/lib/auth/second-factor-email';
import { describeChallenge } from '@/lib/auth/second-factor-offer';
import type { SignInOutcome } from '@/lib/auth/sign-in-stages';
import { finishPasswordChange } from '@/lib/auth/temporary-password-stage';
import { decryptTotpSecret, UnknownTotpKeyError } from '@/lib/auth/totp';
import { MAX_EMAIL_CODES_PER_HOUR, MAX_SECOND_FACTOR_FAILURES } from '@/lib/policy';
import { reencryptTotpSecrets } from '@/lib/auth/totp-rotation';
import { db } from '@/lib/db/client';
import { sessions, signInChallenges, users } from '@/lib/db/schema';
import { countUnusedRecoveryCodes } from '@/lib/db/two-step';
import { findUserById } from '@/lib/db/users';
import { env } from '@/lib/env';
import { signInWithMagicLink } from '@/lib/recovery/magic-link';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { withMigratedDatabase } from '../../helpers/database';
import { handleQueuedRequests } from '../../helpers/jobs';
import { latestEmailTo } from '../../helpers/emails';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.20', userAgent: 'vitest', knownDevices: [] };
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
    expect(result).toMatchObject({ ok: true, outcome: { next: 'session', userId: user.id } });
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
    const tryCode = async (offset: number) => (await finishSecondFactor(await passwordStep(user.email), { method: 'totp', code: codeAt(user.secret, clock + offset) }, request)).ok;
    expect(await tryCode(-60_000)).toBe(false);
    expect(await tryCode(60_000)).toBe(false);
    expect(await tryCode(-30_000)).toBe(true);
    expect(await tryCode(30_000)).toBe(true);
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

describe('limits across sign-ins', () => {
  it('pause an account’s second step after 10 wrong codes, whatever the number of sign-ins', async () => {
    const user = await userWithAuthenticator();
    setClock(clock + 30_000);
    let failures = 0;
    while (failures < MAX_SECOND_FACTOR_FAILURES) {
      const challenge = await passwordStep(user.email);
      for (let index = 0; index < 4 && failures < MAX_SECOND_FACTOR_FAILURES; index += 1, failures += 1) {
        await finishSecondFactor(challenge, { method: 'totp', code: '000000' }, request);
      }
    }
    const right = await finishSecondFactor(await passwordStep(user.email), { method: 'totp', code: codeAt(user.secret, clock) }, request);
    expect(right).toMatchObject({ ok: false, reason: 'paused' });
    // A one-time link proves the mailbox, not the second factor: the pause stays.
    await requestEmailedLink({ kind: 'magic_link', identifier: user.email, locale: 'fr', ip: request.ip });
    await handleQueuedRequests();
    const { token } = (await latestEmailTo(user.email))!.secrets as { token: string };
    const linked = await signInWithMagicLink({ token, ...request });
    const challenge = ((linked as { outcome: SignInOutcome }).outcome as { challengeToken: string }).challengeToken;
    expect(await finishSecondFactor(challenge, { method: 'totp', code: codeAt(user.secret, clock) }, request)).toMatchObject({ reason: 'paused' });
  });

  it('send at most 5 emailed codes an hour to an account, across sign-ins', async () => {
    const made = await makeUser();
    await enableEmailCodes((await findUserById(made.id))!, request);
    const answers: string[] = [];
    for (let signIn = 0; signIn < 3; signIn += 1) {
      const challenge = await passwordStep(made.email);
      for (let index = 0; index < 3; index += 1) answers.push(await sendSecondFactorEmail(challenge, 'en', request));
    }
    expect(answers.filter((answer) => answer === 'sent')).toHaveLength(MAX_EMAIL_CODES_PER_HOUR);
    expect(answers.slice(-3)).toEqual(['hourLimit', 'hourLimit', 'hourLimit']);
  });

  it('spend nothing when a proof loses its race: 8 recovery codes on one challenge use up one', async () => {
    const user = await userWithAuthenticator();
    const challenge = await passwordStep(user.email);
    const results = await Promise.all(
      user.recoveryCodes.slice(0, 8).map((code) => finishSecondFactor(challenge, { method: 'recovery', code }, request)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await countUnusedRecoveryCodes(user.id)).toBe(9);
  });
});

describe('emailed codes after a one-time link', () => {
  it('are neither offered nor accepted: the link and the code would prove the same mailbox', async () => {
    const made = await makeUser({ locale: 'fr' });
    await enableEmailCodes((await findUserById(made.id))!, request);
    await requestEmailedLink({ kind: 'magic_link', identifier: made.email, locale: 'fr', ip: request.ip });
    await handleQueuedRequests();
    const { token } = (await latestEmailTo(made.email))!.secrets as { token: string };
    const linked = await signInWithMagicLink({ token, ...request });
    const challenge = ((linked as { outcome: SignInOutcome }).outcome as { challengeToken: string }).challengeToken;
    expect(await describeChallenge(challenge)).toMatchObject({ methods: ['recovery'], emailNotAfterLink: true });
    expect(await sendSecondFactorEmail(challenge, 'fr', request)).toBe('ended');
  });
});

describe('2-step changes', () => {
  it('end sign-ins waiting for their second step', async () => {
    const user = await userWithAuthenticator();
    setClock(clock + 30_000);
    const waiting = await passwordStep(user.email);
    await regenerateRecoveryCodes(user.person, request);
    expect(await finishSecondFactor(waiting, { method: 'totp', code: codeAt(user.secret, clock) }, request)).toEqual({ ok: false, reason: 'ended' });
  });

  it('forget an enrolment secret that was never confirmed after 30 minutes', async () => {
    const made = await makeUser();
    const person = (await findUserById(made.id))!;
    const first = await startAuthenticatorSetup(person);
    expect((await startAuthenticatorSetup(person)).secret).toBe(first.secret);
    await db().update(users).set({ totpPendingSince: sql`now() - interval '31 minutes'` }).where(eq(users.id, made.id));
    expect(await confirmAuthenticator(person, TOTP.generate({ secret: Secret.fromBase32(first.secret) }), request)).toEqual({ ok: false });
    expect((await startAuthenticatorSetup(person)).secret).not.toBe(first.secret);
  });
});

describe('temporary passwords', () => {
  const temporary = (userId: string, expiresIn: string) =>
    db()
      .update(users)
      .set({ mustChangePassword: true, passwordExpiresAt: sql`now() + ${expiresIn}::interval` })
      .where(eq(users.id, userId));

  it('lead to a new password of the person’s own before any session, then stop working', async () => {
    const made = await makeUser({ locale: 'fr' });
    await temporary(made.id, '24 hours');
    const before = await sessionCount(made.id);
    const result = await signInWithPassword({ identifier: made.email, password: GOOD_PASSWORD, ...request });
    expect(result).toMatchObject({ ok: true, outcome: { next: 'password_change' } });
    expect(await sessionCount(made.id)).toBe(before);
    const challenge = ((result as { outcome: SignInOutcome }).outcome as { challengeToken: string }).challengeToken;
    // The challenge of a password change is not a second step, and the other way round.
    expect(await finishSecondFactor(challenge, { method: 'recovery', code: 'AAAAA-AAAAA' }, request)).toEqual({ ok: false, reason: 'ended' });

    const same = await finishPasswordChange(challenge, { password: GOOD_PASSWORD, confirmation: GOOD_PASSWORD }, request);
    expect(same).toEqual({ ok: false, reason: 'password', problems: ['sameAsTemporary'] });
    const own = 'quiet harbour lantern 77';
    const changed = await finishPasswordChange(challenge, { password: own, confirmation: own }, request);
    expect(changed).toMatchObject({ ok: true, outcome: { next: 'session' } });
    expect(await sessionCount(made.id)).toBe(before + 1);
    expect((await latestEmailTo(made.email))?.template).toBe('passwordChanged');
    expect(await finishPasswordChange(challenge, { password: own, confirmation: own }, request)).toEqual({ ok: false, reason: 'ended' });
    expect(await signInWithPassword({ identifier: made.email, password: GOOD_PASSWORD, ...request })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await signInWithPassword({ identifier: made.email, password: own, ...request })).toMatchObject({ ok: true, outcome: { next: 'session' } });
  });

  it('end, with the second step, when an admin deactivates the account while either is due', async () => {
    const user = await userWithAuthenticator();
    setClock(clock + 30_000);
    const secondStep = await passwordStep(user.email);
    const made = await makeUser();
    await temporary(made.id, '24 hours');
    const stage = await signInWithPassword({ identifier: made.email, password: GOOD_PASSWORD, ...request });
    const passwordChange = ((stage as { outcome: SignInOutcome }).outcome as { challengeToken: string }).challengeToken;
    const own = 'quiet harbour lantern 77';

    await db().update(users).set({ state: 'deactivated' }).where(inArray(users.id, [user.id, made.id]));
    expect(await finishSecondFactor(secondStep, { method: 'totp', code: codeAt(user.secret, clock) }, request)).toEqual({ ok: false, reason: 'ended' });
    expect(await finishPasswordChange(passwordChange, { password: own, confirmation: own }, request)).toEqual({ ok: false, reason: 'ended' });
    // Brought back, the account finds the same challenges still there: only the state stopped them.
    await db().update(users).set({ state: 'active' }).where(inArray(users.id, [user.id, made.id]));
    expect(await finishSecondFactor(secondStep, { method: 'totp', code: codeAt(user.secret, clock) }, request)).toMatchObject({ ok: true, outcome: { next: 'session' } });
    expect(await finishPasswordChange(passwordChange, { password: own, confirmation: own }, request)).toMatchObject({ ok: true, outcome: { next: 'session' } });
  });

  it('come after the second step when the account has one', async () => {
    const user = await userWithAuthenticator();
    await temporary(user.id, '24 hours');
    setClock(clock + 30_000);
    const second = await finishSecondFactor(await passwordStep(user.email), { method: 'totp', code: codeAt(user.secret, clock) }, request);
    expect(second).toMatchObject({ ok: true, outcome: { next: 'password_change' } });
  });

  it('are refused once expired, and only after the right password says so', async () => {
    const made = await makeUser();
    await temporary(made.id, '-1 minute');
    expect(await signInWithPassword({ identifier: made.email, password: 'not it at all', ...request })).toMatchObject({ reason: 'invalid' });
    expect(await signInWithPassword({ identifier: made.email, password: GOOD_PASSWORD, ...request })).toEqual({ ok: false, reason: 'expired' });
  });
});
