import 'server-only';
import { checkNewPassword, type NewPasswordProblem } from '@/lib/passwords/password-change';
import { hashPassword } from '@/lib/passwords/passwords';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { consumeToken, revokeUserTokens } from '@/lib/db/tokens';
import { activatePendingUser, setPassword, setSecurityQuestion } from '@/lib/db/users';
import type { AppLocale } from '@/lib/i18n/routing';
import { hashLinkToken } from '@/lib/auth/one-time-secrets';
import { checkAnswer, hashAnswer, isSecurityQuestion, type AnswerProblem } from './security-questions';
import { inspectToken, type TokenProblem } from '@/lib/auth/token-state';

export async function openActivation(token: string | undefined) {
  const opened = await inspectToken(token, 'activation', ['pending']);
  return opened.ok ? { ok: true as const, locale: opened.token.locale, email: opened.user.email } : opened;
}

export interface ActivationProblems {
  password?: NewPasswordProblem[];
  question?: 'required';
  answer?: AnswerProblem;
}

export type ActivationResult =
  | { ok: true; locale: AppLocale }
  | { ok: false; problem: TokenProblem }
  | { ok: false; problem: 'form'; problems: ActivationProblems };

/** Password and security question chosen, account active, link spent: all or nothing. */
export async function completeActivation(request: {
  token: string;
  password: string;
  confirmation: string;
  question: string;
  answer: string;
  ip: string | null;
}): Promise<ActivationResult> {
  const opened = await inspectToken(request.token, 'activation', ['pending']);
  if (!opened.ok) return opened;
  const { user } = opened;

  const problems: ActivationProblems = {};
  const passwordProblems = checkNewPassword(request.password, request.confirmation, user);
  if (passwordProblems.length > 0) problems.password = passwordProblems;
  if (!isSecurityQuestion(request.question)) problems.question = 'required';
  const answerProblem = checkAnswer(request.answer);
  if (answerProblem) problems.answer = answerProblem;
  if (Object.keys(problems).length > 0) return { ok: false, problem: 'form', problems };

  const [passwordHash, answerHash] = await Promise.all([hashPassword(request.password), hashAnswer(request.answer)]);
  const locale = await db().transaction(async (tx) => {
    const consumed = await consumeToken(hashLinkToken(request.token), 'activation', {}, tx);
    if (!consumed || !(await activatePendingUser(consumed.userId, tx))) return null;
    await setPassword(consumed.userId, passwordHash, tx);
    await setSecurityQuestion(consumed.userId, { key: request.question, answerHash }, tx);
    await revokeUserTokens(consumed.userId, tx);
    await recordAudit({ event: 'activation.completed', actorUserId: consumed.userId, targetUserId: consumed.userId, ip: request.ip }, tx);
    return consumed.locale;
  });
  return locale ? { ok: true, locale } : { ok: false, problem: 'used' };
}
