import 'server-only';
import { db } from '@/lib/db/client';
import { deleteChallenge, findChallenge } from '@/lib/db/challenges';
import { findPasswordHash, findUserForRecovery } from '@/lib/db/users';
import { MAX_PASSWORD_CHANGE_ATTEMPTS } from '@/lib/policy';
import { hashLinkToken } from './one-time-secrets';
import { checkNewPassword, replacePassword, type NewPasswordProblem } from '@/lib/passwords/password-change';
import { hashPassword, verifyPassword } from '@/lib/passwords/passwords';
import { reserveChallenge } from './sign-in-challenge';
import type { SignInRequest } from './sign-in-request';
import { nextStage, type SignInOutcome } from './sign-in-stages';

// The stage after a temporary password: the person chooses their own before any session starts.

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
  const reserved = await reserveChallenge(challengeToken, 'password_change', MAX_PASSWORD_CHANGE_ATTEMPTS);
  if (!reserved) return { ok: false, reason: 'ended' };
  const { challenge, user } = reserved;
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

