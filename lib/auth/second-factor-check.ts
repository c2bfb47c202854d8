import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { deleteChallenge } from '@/lib/db/challenges';
import { clearAttempts, reserveAttempt } from '@/lib/db/throttle';
import { acceptTotpStep, findTotpState, spendRecoveryCode } from '@/lib/db/two-step';
import { env } from '@/lib/env';
import { lockouts } from '@/lib/observability/metrics';
import { MAX_CHALLENGE_ATTEMPTS, MAX_SECOND_FACTOR_FAILURES } from '@/lib/policy';
import { codeMatches, hashRecoveryCode, normaliseCode, normaliseRecoveryCode } from './one-time-secrets';
import { EMAIL_CODE_PURPOSE, secondFactorsFor, type SecondFactor } from './second-factor-offer';
import { reserveChallenge } from './sign-in-challenge';
import type { SignInRequest } from './sign-in-request';
import { nextStage, type SignInOutcome } from './sign-in-stages';
import { throttleSubjects } from './throttle-subjects';
import { decryptTotpSecret, matchingTotpStep } from './totp';

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
  const reserved = await reserveChallenge(challengeToken, 'second_factor', MAX_CHALLENGE_ATTEMPTS);
  if (!reserved) return { ok: false, reason: 'ended' };
  const { challenge, user } = reserved;
  const userId = user.id;
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
        if (proven) await recordAudit({ event: 'two_step.recovery_code_used', actorUserId: userId, targetUserId: userId, ip: request.ip }, tx);
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
    await recordAudit({ event: 'two_step.failed', targetUserId: userId, ip: request.ip, detail: { method: proof.method, attemptsLeft } }, tx);
    // The last attempt ends the sign-in: the person starts again from the first factor.
    if (attemptsLeft <= 0) await deleteChallenge(challenge.id, tx);
  });
  if (reservation.lockedUntil) {
    lockouts.inc({ kind: 'two_step' });
    return { ok: false, reason: 'paused', until: reservation.lockedUntil };
  }
  return attemptsLeft > 0 ? { ok: false, reason: 'wrong', attemptsLeft } : { ok: false, reason: 'ended' };
}

