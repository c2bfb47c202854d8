import 'server-only';
import { checkNewPassword, replacePassword, type NewPasswordProblem } from '@/lib/passwords/password-change';
import { hashPassword } from '@/lib/passwords/passwords';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { consumeToken, endTokenAfterWrongAnswers, markQuestionPassed, reserveAnswerAttempt } from '@/lib/db/tokens';
import { findSecurityAnswerHash } from '@/lib/db/users';
import type { AppLocale } from '@/lib/i18n/routing';
import { hashLinkToken } from '@/lib/auth/one-time-secrets';
import { answerMatches, isSecurityQuestion, type SecurityQuestionKey } from './security-questions';
import { inspectToken, type TokenProblem } from '@/lib/auth/token-state';
import { MAX_ANSWER_ATTEMPTS } from '@/lib/policy';

export type ResetStep =
  | { ok: true; step: 'question'; question: SecurityQuestionKey; locale: AppLocale }
  | { ok: true; step: 'password'; locale: AppLocale; username: string }
  | { ok: false; problem: TokenProblem };

/**
 * Where a reset link stands, without spending it: the security question comes first when the
 * account has one (it is asked only after the emailed link or code is proven), then the
 * new password.
 */
export async function openReset(token: string | undefined): Promise<ResetStep> {
  const opened = await inspectToken(token, 'password_reset', ['active']);
  if (!opened.ok) return opened;
  const { user } = opened;
  const locale = opened.token.locale;
  if (user.hasSecurityAnswer && !opened.token.questionPassed && isSecurityQuestion(user.securityQuestion)) {
    return { ok: true, step: 'question', question: user.securityQuestion, locale };
  }
  return { ok: true, step: 'password', locale, username: user.email };
}

export type AnswerResult =
  | { ok: true }
  | { ok: false; problem: TokenProblem }
  | { ok: false; problem: 'wrongAnswer'; attemptsLeft: number };

export async function answerResetQuestion(request: { token: string; answer: string; ip: string | null }): Promise<AnswerResult> {
  const opened = await inspectToken(request.token, 'password_reset', ['active']);
  if (!opened.ok) return opened;
  const { user, token } = opened;
  const answerHash = token.questionPassed ? null : await findSecurityAnswerHash(user.id);
  if (!answerHash) return { ok: true };

  const attempts = await reserveAnswerAttempt(token.id, MAX_ANSWER_ATTEMPTS);
  if (attempts === null) return { ok: false, problem: 'answersExhausted' };
  const audit = { targetUserId: user.id, ip: request.ip };
  if (await answerMatches(answerHash, request.answer)) {
    await markQuestionPassed(token.id);
    await recordAudit({ event: 'recovery.question_passed', ...audit });
    return { ok: true };
  }
  await recordAudit({ event: 'recovery.question_failed', ...audit, detail: { attempt: attempts } });
  if (attempts >= MAX_ANSWER_ATTEMPTS) {
    await endTokenAfterWrongAnswers(token.id);
    return { ok: false, problem: 'answersExhausted' };
  }
  return { ok: false, problem: 'wrongAnswer', attemptsLeft: MAX_ANSWER_ATTEMPTS - attempts };
}

export type ResetResult =
  | { ok: true; locale: AppLocale }
  | { ok: false; problem: TokenProblem }
  | { ok: false; problem: 'password'; passwordProblems: NewPasswordProblem[] };

/**
 * Sets the new password and spends the link in one transaction; the conditional UPDATE means
 * parallel submissions of one link give exactly one success. The person is not signed in: they
 * sign in with the new password (and 2-step verification, when it is on).
 */
export async function completeReset(request: {
  token: string;
  password: string;
  confirmation: string;
  ip: string | null;
}): Promise<ResetResult> {
  const opened = await inspectToken(request.token, 'password_reset', ['active']);
  if (!opened.ok) return opened;
  const { user } = opened;
  const passwordProblems = checkNewPassword(request.password, request.confirmation, user);
  if (passwordProblems.length > 0) return { ok: false, problem: 'password', passwordProblems };

  const passwordHash = await hashPassword(request.password);
  const locale = await db().transaction(async (tx) => {
    const consumed = await consumeToken(
      hashLinkToken(request.token),
      'password_reset',
      { requireQuestionPassed: user.hasSecurityAnswer },
      tx,
    );
    if (!consumed) return null;
    await replacePassword(tx, { user, passwordHash, locale: consumed.locale, event: 'password.reset', actorUserId: user.id, ip: request.ip });
    return consumed.locale;
  });
  return locale ? { ok: true, locale } : { ok: false, problem: 'used' };
}
