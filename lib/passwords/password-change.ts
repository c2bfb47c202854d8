import 'server-only';
import { recordAudit, type AuditEventName } from '@/lib/db/audit';
import { deleteUserChallenges } from '@/lib/db/challenges';
import type { Executor } from '@/lib/db/client';
import { deleteUserSessions } from '@/lib/db/sessions';
import { liftAccountPauses } from '@/lib/db/throttle';
import { revokeUserTokens } from '@/lib/db/tokens';
import { setPassword } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import type { AppLocale } from '@/lib/i18n/routing';
import { checkPassword, type PasswordContext, type PasswordProblem } from './password-policy';

export type NewPasswordProblem = PasswordProblem | 'mismatch' | 'required' | 'sameAsTemporary';

/** The policy plus the confirmation field, every problem at once. */
export function checkNewPassword(password: string, confirmation: string, context: PasswordContext): NewPasswordProblem[] {
  if (password.length === 0) return ['required'];
  const problems: NewPasswordProblem[] = checkPassword(password, context);
  if (password !== confirmation) problems.push('mismatch');
  return problems;
}

/**
 * Everything a password change means, in the caller's transaction: the new hash, every
 * session, sign-in in progress and outstanding token of the account revoked, the sign-in pause lifted, the owner
 * told in `locale`, and an audit event.
 */
export async function replacePassword(
  tx: Executor,
  change: {
    user: { id: string; email: string; name: string };
    passwordHash: string;
    locale: AppLocale;
    event: AuditEventName;
    actorUserId: string | null;
    ip: string | null;
  },
): Promise<void> {
  const { user } = change;
  // The pauses first, in the order a sign-in attempt that sets one locks them (lib/admin/account-changes.ts).
  await liftAccountPauses(user.id, tx);
  await setPassword(user.id, change.passwordHash, tx);
  const sessionsRevoked = await deleteUserSessions(user.id, {}, tx);
  await revokeUserTokens(user.id, tx);
  await deleteUserChallenges(user.id, tx);
  await queueEmail(tx, {
    template: 'passwordChanged',
    to: user.email,
    locale: change.locale,
    userId: user.id,
    props: { name: user.name || null, changedAt: new Date().toISOString() },
  });
  await recordAudit({
    event: change.event,
    actorUserId: change.actorUserId,
    targetUserId: user.id,
    ip: change.ip,
    detail: { sessionsRevoked },
  }, tx);
}
