import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { findUserForRecovery, setSecurityQuestion } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import type { PublicUser } from '@/lib/db/users';
import { checkAnswer, hashAnswer, isSecurityQuestion, type AnswerProblem, type SecurityQuestionKey } from '@/lib/recovery/security-questions';
import { checkCurrentPassword } from './current-password';

/** The question the account has, never its answer. */
export async function currentSecurityQuestion(userId: string): Promise<SecurityQuestionKey | null> {
  const user = await findUserForRecovery(userId);
  return isSecurityQuestion(user?.securityQuestion) ? user.securityQuestion : null;
}

export type QuestionChange =
  | { ok: true }
  | { ok: false; problems: { question?: 'required'; answer?: AnswerProblem; password?: 'wrong' | 'paused' }; until?: Date };

/** A new question and answer, behind the current password; the owner is told by email. */
export async function changeSecurityQuestion(
  session: { sessionId: string; user: PublicUser },
  input: { question: string; answer: string; password: string },
  ip: string | null,
): Promise<QuestionChange> {
  const problems: Extract<QuestionChange, { ok: false }>['problems'] = {};
  if (!isSecurityQuestion(input.question)) problems.question = 'required';
  const answerProblem = checkAnswer(input.answer);
  if (answerProblem) problems.answer = answerProblem;
  const check = await checkCurrentPassword(session, input.password, ip);
  if (!check.ok) return { ok: false, problems: { ...problems, password: check.reason }, until: check.reason === 'paused' ? check.until : undefined };
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const { user } = session;
  const answerHash = await hashAnswer(input.answer);
  await db().transaction(async (tx) => {
    await setSecurityQuestion(user.id, { key: input.question, answerHash }, tx);
    await recordAudit({ event: 'security_question.changed', actorUserId: user.id, targetUserId: user.id, ip }, tx);
    await queueEmail(tx, {
      template: 'securityNotice',
      to: user.email,
      locale: user.locale,
      userId: user.id,
      props: { name: user.name || null, event: 'securityQuestionChanged', occurredAt: new Date().toISOString() },
    });
  });
  return { ok: true };
}
