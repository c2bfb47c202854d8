import 'server-only';
import { checkNewPassword, replacePassword, type NewPasswordProblem } from '@/lib/passwords/password-change';
import { hashPassword } from '@/lib/passwords/passwords';
import { renewSession } from '@/lib/auth/session-start';
import { db } from '@/lib/db/client';
import type { PublicUser } from '@/lib/db/users';
import { checkCurrentPassword } from './current-password';

export type ChangePasswordResult =
  | { ok: true; sessionToken: string }
  | { ok: false; problem: 'current'; until?: Date }
  | { ok: false; problem: 'password'; passwordProblems: NewPasswordProblem[] };

/**
 * The person's own change: the current password first, then the same policy as a reset. Every
 * session and emailed link of the account ends; this browser carries on with a new session id.
 */
export async function changeOwnPassword(
  session: { sessionId: string; user: PublicUser },
  input: { current: string; password: string; confirmation: string },
  request: { ip: string | null; userAgent: string | null },
): Promise<ChangePasswordResult> {
  const { user } = session;
  const problems = checkNewPassword(input.password, input.confirmation, user);
  const check = await checkCurrentPassword(session, input.current, request.ip);
  if (!check.ok) return { ok: false, problem: 'current', until: check.reason === 'paused' ? check.until : undefined };
  if (problems.length > 0) return { ok: false, problem: 'password', passwordProblems: problems };
  const passwordHash = await hashPassword(input.password);
  const sessionToken = await db().transaction(async (tx) => {
    await replacePassword(tx, { user, passwordHash, locale: user.locale, event: 'password.changed', actorUserId: user.id, ip: request.ip });
    return renewSession(tx, user.id, request);
  });
  return { ok: true, sessionToken };
}
