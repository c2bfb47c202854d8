import 'server-only';
import type { SignInRequest } from '@/lib/auth/sign-in-request';
import { afterFirstFactor, type SignInOutcome } from '@/lib/auth/sign-in-stages';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { liftAccountPauses } from '@/lib/db/throttle';
import { consumeToken } from '@/lib/db/tokens';
import { findUserForRecovery } from '@/lib/db/users';
import { hashLinkToken } from '@/lib/auth/one-time-secrets';
import { inspectToken, type TokenProblem } from '@/lib/auth/token-state';

export async function openMagicLink(token: string | undefined) {
  const opened = await inspectToken(token, 'magic_link', ['active']);
  return opened.ok ? { ok: true as const, locale: opened.token.locale } : opened;
}

/**
 * Spends a one-time sign-in link (only ever from the confirmation page's POST) as a first
 * factor: a session follows, or the 2-step verification. Proving the mailbox also lifts a sign-in pause, as a reset would.
 */
export async function signInWithMagicLink(request: SignInRequest & { token: string }): Promise<{ ok: true; outcome: SignInOutcome } | { ok: false; problem: TokenProblem }> {
  const opened = await inspectToken(request.token, 'magic_link', ['active']);
  if (!opened.ok) return opened;
  const outcome = await db().transaction(async (tx) => {
    const consumed = await consumeToken(hashLinkToken(request.token), 'magic_link', {}, tx);
    if (!consumed) return null;
    const user = await findUserForRecovery(consumed.userId, tx);
    if (user?.state !== 'active') return null;
    await liftAccountPauses(user.id, tx);
    return afterFirstFactor(tx, user, request, 'magic_link');
  });
  if (!outcome) {
    await recordAudit({ event: 'magic_link.failed', targetUserId: opened.user.id, ip: request.ip });
    return { ok: false, problem: 'used' };
  }
  return { ok: true, outcome };
}
