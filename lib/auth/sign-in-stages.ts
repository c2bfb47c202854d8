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
import type { SignInMethod } from '@/lib/db/schema';
import { createSession, deleteUserSessions } from '@/lib/db/sessions';
import { acceptTotpStep, countUnusedRecoveryCodes, findTotpState, spendRecoveryCode } from '@/lib/db/two-step';
import { findUserForRecovery, markSignedIn } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { codeMatches, hashCode, hashLinkToken, newCode, newLinkToken, normaliseCode, normaliseRecoveryCode } from './one-time-secrets';
import { decryptTotpSecret, matchingTotpStep } from './totp';

// The one place where sessions start. A proven first factor (password, one-time link or code)
// comes here, and this module decides what follows: a session, or a challenge the person must
// pass first — a short-lived, single-use record on the server, carried by a cookie.

export const CHALLENGE_MINUTES = 10;
export const MAX_CHALLENGE_ATTEMPTS = 5;
const EMAIL_CODE_MINUTES = 10;
const MAX_EMAIL_CODES = 3;
const EMAIL_CODE_PURPOSE = 'two_step_email';
const RECOVERY_CODE_PURPOSE = 'recovery_code';

type Request = { ip: string | null; userAgent: string | null };

export type SignInOutcome =
  | { next: 'session'; userId: string; sessionToken: string }
  | { next: 'second_factor'; userId: string; challengeToken: string };

interface ProvenUser {
  id: string;
  totpEnabledAt: Date | null;
  emailOtpEnabled: boolean;
}

async function startSession(tx: Executor, userId: string, request: Request, detail: Record<string, string>): Promise<string> {
  const token = await createSession(
    { userId, ip: request.ip, userAgent: request.userAgent, absoluteHours: env().SESSION_ABSOLUTE_HOURS },
    tx,
  );
  await markSignedIn(userId, tx);
  await recordAudit(tx, { event: 'sign_in.succeeded', actorUserId: userId, targetUserId: userId, ip: request.ip, detail });
  return token;
}

/** After a first factor, in the transaction that proved it: a session, or a 2-step challenge. */
export async function afterFirstFactor(tx: Executor, user: ProvenUser, request: Request, method: SignInMethod): Promise<SignInOutcome> {
  if (!user.totpEnabledAt && !user.emailOtpEnabled) {
    return { next: 'session', userId: user.id, sessionToken: await startSession(tx, user.id, request, { method }) };
  }
  const { token, hash } = newLinkToken();
  await insertChallenge({ tokenHash: hash, userId: user.id, kind: 'second_factor', method, minutes: CHALLENGE_MINUTES }, tx);
  await recordAudit(tx, { event: 'two_step.challenged', targetUserId: user.id, ip: request.ip, detail: { method } });
  return { next: 'second_factor', userId: user.id, challengeToken: token };
}

export type SecondFactor = 'totp' | 'email' | 'recovery';

/** What the verification page may offer for a live challenge; null when it is over. */
export async function describeChallenge(challengeToken: string | null) {
  if (!challengeToken) return null;
  const challenge = await findChallenge(hashLinkToken(challengeToken));
  if (!challenge) return null;
  const user = await findUserForRecovery(challenge.userId);
  if (user?.state !== 'active') return null;
  const methods: SecondFactor[] = [];
  if (user.totpEnabledAt) methods.push('totp');
  if (user.emailOtpEnabled) methods.push('email');
  if ((await countUnusedRecoveryCodes(user.id)) > 0) methods.push('recovery');
  return { methods, emailCodeSent: challenge.emailCodeHash !== null, locale: user.locale };
}

/** Emails a 6-digit code for the challenge, in the language of the page that asked. */
export async function sendSecondFactorEmail(challengeToken: string | null, locale: AppLocale, request: Request): Promise<'sent' | 'limit' | 'ended'> {
  if (!challengeToken) return 'ended';
  const challenge = await findChallenge(hashLinkToken(challengeToken));
  const user = challenge && (await findUserForRecovery(challenge.userId));
  if (!challenge || user?.state !== 'active' || !user.emailOtpEnabled) return 'ended';
  const code = newCode();
  return db().transaction(async (tx) => {
    const codeHash = hashCode(code, { userId: user.id, purpose: EMAIL_CODE_PURPOSE });
    const set = await setChallengeEmailCode(challenge.id, { codeHash, minutes: EMAIL_CODE_MINUTES, maxSends: MAX_EMAIL_CODES }, tx);
    if (!set) return 'limit';
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
  | { ok: true; userId: string; sessionToken: string }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'ended' };

/**
 * The second step. The attempt is counted before anything is compared; a TOTP step or a
 * recovery code is spent by a conditional UPDATE and the challenge by a DELETE, all in the
 * transaction that starts the session, so parallel submissions give exactly one session.
 */
export async function finishSecondFactor(
  challengeToken: string | null,
  proof: { method: SecondFactor; code: string },
  request: Request,
): Promise<SecondFactorResult> {
  if (!challengeToken) return { ok: false, reason: 'ended' };
  const challenge = await reserveChallengeAttempt(hashLinkToken(challengeToken), MAX_CHALLENGE_ATTEMPTS);
  if (!challenge) return { ok: false, reason: 'ended' };
  const userId = challenge.userId;
  const user = await findUserForRecovery(userId);
  if (user?.state !== 'active') return { ok: false, reason: 'ended' };

  const session = await db().transaction(async (tx) => {
    let proven = false;
    if (proof.method === 'totp' && user.totpEnabledAt) {
      const state = await findTotpState(userId, tx);
      const code = normaliseCode(proof.code);
      const step = code && state?.secret ? matchingTotpStep(decryptTotpSecret(state.secret), code) : null;
      proven = step !== null && (await acceptTotpStep(userId, step, tx));
    } else if (proof.method === 'email' && user.emailOtpEnabled) {
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
    if (!proven || !(await deleteChallenge(challenge.id, tx))) return null;
    return startSession(tx, userId, request, { method: challenge.method, secondFactor: proof.method });
  });
  if (session) return { ok: true, userId, sessionToken: session };

  const attemptsLeft = MAX_CHALLENGE_ATTEMPTS - challenge.attempts;
  await db().transaction(async (tx) => {
    await recordAudit(tx, { event: 'two_step.failed', targetUserId: userId, ip: request.ip, detail: { method: proof.method, attemptsLeft } });
    // The last attempt ends the sign-in: the person starts again from the first factor.
    if (attemptsLeft <= 0) await deleteChallenge(challenge.id, tx);
  });
  return attemptsLeft > 0 ? { ok: false, reason: 'wrong', attemptsLeft } : { ok: false, reason: 'ended' };
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
