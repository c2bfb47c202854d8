import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import {
  deleteChallenge,
  findChallenge,
  insertChallenge,
  reserveChallengeAttempt,
  setChallengeEmailCode,
} from '@/lib/db/challenges';
import type { ChallengeKind, SignInMethod } from '@/lib/db/schema';
import { createSession, deleteUserSessions } from '@/lib/db/sessions';
import { clearAttempts, countInWindow, pausedUntil, reserveAttempt } from '@/lib/db/throttle';
import { acceptTotpStep, countUnusedRecoveryCodes, findTotpState, spendRecoveryCode } from '@/lib/db/two-step';
import { findPasswordHash, findUserForRecovery, markSignedIn } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import { lockouts } from '@/lib/observability/metrics';
import type { AppLocale } from '@/lib/i18n/routing';
import { describeUserAgent } from '@/lib/user-agent';
import type { KnownDevice } from './device-cookie';
import { codeMatches, hashCode, hashLinkToken, newCode, newLinkToken, normaliseCode, normaliseRecoveryCode } from './one-time-secrets';
import { checkNewPassword, replacePassword, type NewPasswordProblem } from '@/lib/passwords/password-change';
import { hashPassword, verifyPassword } from '@/lib/passwords/passwords';
import { throttleSubjects } from './throttle-subjects';
import { decryptTotpSecret, matchingTotpStep } from './totp';
import { CHALLENGE_MINUTES, EMAIL_CODE_MINUTES, MAX_CHALLENGE_ATTEMPTS, MAX_EMAIL_CODES, MAX_EMAIL_CODES_PER_HOUR, MAX_PASSWORD_CHANGE_ATTEMPTS, MAX_SECOND_FACTOR_FAILURES } from '@/lib/policy';

// The one place where sessions start. A proven first factor (password, one-time link or code)
// comes here, and this module decides what follows: a session, or a challenge the person must
// pass first (a second factor, a new password in place of a temporary one) — a short-lived,
// single-use record on the server, carried by a cookie.

const EMAIL_CODE_PURPOSE = 'two_step_email';
const RECOVERY_CODE_PURPOSE = 'recovery_code';

type Request = { ip: string | null; userAgent: string | null };
/** A sign-in's request, with what this browser's device cookie says it signed in to before. */
export type SignInRequest = Request & { knownDevices: readonly KnownDevice[] };

export type SignInOutcome =
  | { next: 'session'; userId: string; sessionToken: string }
  | { next: 'second_factor' | 'password_change'; userId: string; challengeToken: string };

interface ProvenUser {
  id: string;
  totpEnabledAt: Date | null;
  emailOtpEnabled: boolean;
  mustChangePassword: boolean;
}

async function startSession(tx: Executor, userId: string, request: SignInRequest, detail: Record<string, string>): Promise<string> {
  const token = await createSession(
    { userId, ip: request.ip, userAgent: request.userAgent, absoluteHours: env().SESSION_ABSOLUTE_HOURS },
    tx,
  );
  const signedInBefore = (await markSignedIn(userId, tx)) !== null;
  await recordAudit(tx, { event: 'sign_in.succeeded', actorUserId: userId, targetUserId: userId, ip: request.ip, detail });
  // The very first sign-in of an account is no news to its owner; after that, a browser that
  // has never signed in to it is told about once.
  if (signedInBefore && !request.knownDevices.some((device) => device.userId === userId)) await tellOfNewBrowser(tx, userId, request);
  return token;
}

async function tellOfNewBrowser(tx: Executor, userId: string, request: SignInRequest) {
  const user = await findUserForRecovery(userId, tx);
  if (!user) return;
  const device = describeUserAgent(request.userAgent);
  await queueEmail(tx, {
    template: 'newSignIn',
    to: user.email,
    locale: user.locale,
    userId,
    props: { name: user.name || null, occurredAt: new Date().toISOString(), browser: device?.browser ?? null, os: device?.os ?? null, ip: request.ip },
  });
}

async function challenge(tx: Executor, userId: string, kind: ChallengeKind, method: SignInMethod): Promise<string> {
  const { token, hash } = newLinkToken();
  await insertChallenge({ tokenHash: hash, userId, kind, method, minutes: CHALLENGE_MINUTES }, tx);
  return token;
}

/**
 * What follows a proven factor: the second step when the account has one and it is still due,
 * then a new password when the password typed was a temporary one, then the session.
 */
async function nextStage(
  tx: Executor,
  user: ProvenUser,
  request: SignInRequest,
  method: SignInMethod,
  detail: Record<string, string>,
): Promise<SignInOutcome> {
  const secondFactorDue = !detail.secondFactor && (user.totpEnabledAt !== null || user.emailOtpEnabled);
  if (secondFactorDue) {
    await recordAudit(tx, { event: 'two_step.challenged', targetUserId: user.id, ip: request.ip, detail: { method } });
    return { next: 'second_factor', userId: user.id, challengeToken: await challenge(tx, user.id, 'second_factor', method) };
  }
  // A temporary password must not stay in use; a one-time link proves the mailbox instead and
  // leaves it to expire.
  if (method === 'password' && user.mustChangePassword) {
    return { next: 'password_change', userId: user.id, challengeToken: await challenge(tx, user.id, 'password_change', method) };
  }
  return { next: 'session', userId: user.id, sessionToken: await startSession(tx, user.id, request, detail) };
}

/** After a first factor, in the transaction that proved it. */
export async function afterFirstFactor(tx: Executor, user: ProvenUser, request: SignInRequest, method: Exclude<SignInMethod, 'passkey' | 'sso'>): Promise<SignInOutcome> {
  return nextStage(tx, user, request, method, { method });
}

/**
 * A passkey proves both factors at once — a device the person has, unlocked by what they know
 * or are (its user verification is required) — so no second step follows it.
 */
export async function afterPasskey(tx: Executor, user: ProvenUser, request: SignInRequest): Promise<SignInOutcome> {
  return nextStage(tx, user, request, 'passkey', { method: 'passkey', secondFactor: 'passkey' });
}

/**
 * A company's provider signed the person in, with whatever factors the company requires of
 * them: its answer is the whole sign-in, as with a passkey.
 */
export async function afterCompanySignIn(tx: Executor, user: ProvenUser, request: SignInRequest): Promise<SignInOutcome> {
  return nextStage(tx, user, request, 'sso', { method: 'sso', secondFactor: 'sso' });
}

export type SecondFactor = 'totp' | 'email' | 'recovery';

/**
 * Codes by email do not follow a one-time link: both prove the same mailbox, which would make
 * the two steps one.
 */
function secondFactorsFor(user: { totpEnabledAt: Date | null; emailOtpEnabled: boolean }, method: SignInMethod) {
  return { totp: user.totpEnabledAt !== null, email: user.emailOtpEnabled && method !== 'magic_link' };
}

/** What the verification page may offer for a live challenge; null when it is over. */
export async function describeChallenge(challengeToken: string | null) {
  if (!challengeToken) return null;
  const challenge = await findChallenge(hashLinkToken(challengeToken), 'second_factor');
  if (!challenge) return null;
  const user = await findUserForRecovery(challenge.userId);
  if (user?.state !== 'active') return null;
  const offered = secondFactorsFor(user, challenge.method);
  const methods: SecondFactor[] = [];
  if (offered.totp) methods.push('totp');
  if (offered.email) methods.push('email');
  if ((await countUnusedRecoveryCodes(user.id)) > 0) methods.push('recovery');
  return {
    methods,
    emailCodeSent: challenge.emailCodeHash !== null,
    emailNotAfterLink: user.emailOtpEnabled && !offered.email,
    locale: user.locale,
  };
}

/** Emails a 6-digit code for the challenge, in the language of the page that asked. */
export async function sendSecondFactorEmail(
  challengeToken: string | null,
  locale: AppLocale,
  request: Request,
): Promise<'sent' | 'limit' | 'hourLimit' | 'ended'> {
  if (!challengeToken) return 'ended';
  const challenge = await findChallenge(hashLinkToken(challengeToken), 'second_factor');
  const user = challenge && (await findUserForRecovery(challenge.userId));
  if (!challenge || user?.state !== 'active' || !secondFactorsFor(user, challenge.method).email) return 'ended';
  // Each sign-in may ask for a few codes, and the account for a few an hour across sign-ins:
  // someone who knows the password cannot flood the mailbox by starting over.
  const hourly = throttleSubjects.secondFactorEmail(user.id);
  if (await pausedUntil(hourly)) return 'hourLimit';
  const code = newCode();
  return db().transaction(async (tx) => {
    const codeHash = hashCode(code, { userId: user.id, purpose: EMAIL_CODE_PURPOSE });
    const set = await setChallengeEmailCode(challenge.id, { codeHash, minutes: EMAIL_CODE_MINUTES, maxSends: MAX_EMAIL_CODES }, tx);
    if (!set) return 'limit';
    await countInWindow(hourly, { limit: MAX_EMAIL_CODES_PER_HOUR, windowMinutes: 60 }, tx);
    await queueEmail(tx, {
      template: 'twoStepCode',
      to: user.email,
      locale,
      userId: user.id,
      props: { name: user.name || null, minutes: EMAIL_CODE_MINUTES },
      secrets: { code },
    });
    await recordAudit(tx, { event: 'two_step.code_sent', targetUserId: user.id, ip: request.ip });
    return 'sent';
  });
}

export type SecondFactorResult =
  | { ok: true; outcome: SignInOutcome }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'paused'; until: Date }
  | { ok: false; reason: 'ended' };

/** Rolls the second step's transaction back: nothing is spent by a proof that failed. */
class NotProven extends Error {}

/**
 * The second step. The attempt is counted before anything is compared, on the challenge and on
 * the account (a correct password cannot buy endless guesses by starting over). In one
 * transaction the challenge is spent first, then the TOTP step or recovery code by a
 * conditional UPDATE, and what comes next is started; a failed proof rolls all of it back, so
 * parallel submissions give exactly one session and a lost race spends nothing.
 */
export async function finishSecondFactor(
  challengeToken: string | null,
  proof: { method: SecondFactor; code: string },
  request: SignInRequest,
): Promise<SecondFactorResult> {
  if (!challengeToken) return { ok: false, reason: 'ended' };
  const challenge = await reserveChallengeAttempt(hashLinkToken(challengeToken), 'second_factor', MAX_CHALLENGE_ATTEMPTS);
  if (!challenge) return { ok: false, reason: 'ended' };
  const userId = challenge.userId;
  const user = await findUserForRecovery(userId);
  if (user?.state !== 'active') return { ok: false, reason: 'ended' };
  const account = throttleSubjects.secondFactor(userId);
  const reservation = await reserveAttempt(account, { threshold: MAX_SECOND_FACTOR_FAILURES, lockMinutes: env().LOCKOUT_MINUTES });
  if (!reservation.allowed) return { ok: false, reason: 'paused', until: reservation.lockedUntil };
  const offered = secondFactorsFor(user, challenge.method);

  let outcome: SignInOutcome | null = null;
  try {
    outcome = await db().transaction(async (tx) => {
      if (!(await deleteChallenge(challenge.id, tx))) throw new NotProven();
      let proven = false;
      if (proof.method === 'totp' && offered.totp) {
        const state = await findTotpState(userId, tx);
        const code = normaliseCode(proof.code);
        const step = code && state?.secret ? matchingTotpStep(decryptTotpSecret(state.secret), code) : null;
        proven = step !== null && (await acceptTotpStep(userId, step, tx));
      } else if (proof.method === 'email' && offered.email) {
        const code = normaliseCode(proof.code);
        proven =
          !!code &&
          !!challenge.emailCodeHash &&
          !!challenge.emailCodeExpiresAt &&
          challenge.emailCodeExpiresAt > new Date() &&
          codeMatches(code, challenge.emailCodeHash, { userId, purpose: EMAIL_CODE_PURPOSE });
      } else if (proof.method === 'recovery') {
        const code = normaliseRecoveryCode(proof.code);
        proven = !!code && (await spendRecoveryCode(userId, hashRecoveryCode(userId, code), tx));
        if (proven) await recordAudit(tx, { event: 'two_step.recovery_code_used', actorUserId: userId, targetUserId: userId, ip: request.ip });
      }
      if (!proven) throw new NotProven();
      return nextStage(tx, user, request, challenge.method, { method: challenge.method, secondFactor: proof.method });
    });
  } catch (error) {
    if (!(error instanceof NotProven)) throw error;
  }
  if (outcome) {
    await clearAttempts(account);
    return { ok: true, outcome };
  }

  const attemptsLeft = MAX_CHALLENGE_ATTEMPTS - challenge.attempts;
  await db().transaction(async (tx) => {
    await recordAudit(tx, { event: 'two_step.failed', targetUserId: userId, ip: request.ip, detail: { method: proof.method, attemptsLeft } });
    // The last attempt ends the sign-in: the person starts again from the first factor.
    if (attemptsLeft <= 0) await deleteChallenge(challenge.id, tx);
  });
  if (reservation.lockedUntil) {
    lockouts.inc({ kind: 'two_step' });
    return { ok: false, reason: 'paused', until: reservation.lockedUntil };
  }
  return attemptsLeft > 0 ? { ok: false, reason: 'wrong', attemptsLeft } : { ok: false, reason: 'ended' };
}

/** The account a live challenge wants a new password for (to draw its page); null when over. */
export async function describePasswordChange(challengeToken: string | null): Promise<{ username: string } | null> {
  const challenge = challengeToken ? await findChallenge(hashLinkToken(challengeToken), 'password_change') : undefined;
  const user = challenge && (await findUserForRecovery(challenge.userId));
  return user?.state === 'active' ? { username: user.email } : null;
}

export type PasswordChangeResult =
  | { ok: true; outcome: SignInOutcome }
  | { ok: false; reason: 'password'; problems: NewPasswordProblem[] }
  | { ok: false; reason: 'ended' };

/**
 * The last stage after a temporary password: the person's own password, under the reset
 * policy and not the temporary one again, replaces it (every other session and link ends, a
 * notice is sent), and the session starts.
 */
export async function finishPasswordChange(
  challengeToken: string | null,
  input: { password: string; confirmation: string },
  request: SignInRequest,
): Promise<PasswordChangeResult> {
  if (!challengeToken) return { ok: false, reason: 'ended' };
  const challenge = await reserveChallengeAttempt(hashLinkToken(challengeToken), 'password_change', MAX_PASSWORD_CHANGE_ATTEMPTS);
  const user = challenge && (await findUserForRecovery(challenge.userId));
  if (!challenge || user?.state !== 'active') return { ok: false, reason: 'ended' };
  const problems = checkNewPassword(input.password, input.confirmation, user);
  if (problems.length === 0 && (await verifyPassword(await findPasswordHash(user.id), input.password))) problems.push('sameAsTemporary');
  if (problems.length > 0) return { ok: false, reason: 'password', problems };
  const passwordHash = await hashPassword(input.password);
  const outcome = await db().transaction(async (tx) => {
    if (!(await deleteChallenge(challenge.id, tx))) return null;
    await replacePassword(tx, { user, passwordHash, locale: user.locale, event: 'password.changed', actorUserId: user.id, ip: request.ip });
    return nextStage(tx, { ...user, mustChangePassword: false }, request, challenge.method, { method: challenge.method, passwordChanged: 'true' });
  });
  return outcome ? { ok: true, outcome } : { ok: false, reason: 'ended' };
}

/** Recovery codes are stored like emailed codes: a keyed hash bound to the account. */
export function hashRecoveryCode(userId: string, code: string): string {
  return hashCode(code, { userId, purpose: RECOVERY_CODE_PURPOSE });
}

/**
 * The person proved themselves again inside a session (a password change): the session gets a
 * new id and every other session of the account ends. Returns the new token for the cookie.
 */
export async function renewSession(tx: Executor, userId: string, request: Request): Promise<string> {
  await deleteUserSessions(userId, {}, tx);
  return createSession({ userId, ip: request.ip, userAgent: request.userAgent, absoluteHours: env().SESSION_ABSOLUTE_HOURS }, tx);
}
