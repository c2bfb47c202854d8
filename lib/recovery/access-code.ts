import 'server-only';
import { codeMatches, newLinkToken, normaliseAccessCode } from '@/lib/auth/one-time-secrets';
import { parseIdentifier } from '@/lib/auth/identifiers';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { consumeTokenById, insertToken, reserveCodeAttempt } from '@/lib/db/tokens';
import { findUserForRecoveryByIdentifier } from '@/lib/db/users';
import type { AppLocale } from '@/lib/i18n/routing';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import type { PhoneRegion } from '@/lib/phone/regions';
import { MAX_CODE_ATTEMPTS, RESET_LINK_MINUTES } from '@/lib/policy';

/**
 * Trades an admin-issued access code for a reset link token, once: from there the reset goes
 * on exactly as after an emailed link (security question first, then the new password). The
 * attempt is counted before the comparison, so parallel guesses get at most five; the fifth
 * wrong one burns the code. Every failure answers `null`, saying nothing about the account.
 */
export async function redeemAccessCode(request: {
  identifier: string;
  phoneRegion?: PhoneRegion;
  code: string;
  locale: AppLocale;
  ip: string | null;
}): Promise<string | null> {
  const code = normaliseAccessCode(request.code);
  const identifier = parseIdentifier(request.identifier, request.phoneRegion ?? siteDefaultRegion());
  const user = code && identifier ? await findUserForRecoveryByIdentifier(identifier) : undefined;
  if (!user || !code || user.state !== 'active') return null;

  const reserved = await reserveCodeAttempt(user.id, 'access_code', MAX_CODE_ATTEMPTS);
  if (!reserved?.codeHash) return null;
  if (!codeMatches(code, reserved.codeHash, { userId: user.id, purpose: 'access_code' })) {
    await recordAudit({ event: 'recovery.access_code_failed', targetUserId: user.id, ip: request.ip });
    return null;
  }
  const { token, hash } = newLinkToken();
  const redeemed = await db().transaction(async (tx) => {
    if (!(await consumeTokenById(reserved.id, tx))) return false;
    await insertToken({ userId: user.id, purpose: 'password_reset', tokenHash: hash, locale: request.locale, expiresInMinutes: RESET_LINK_MINUTES }, tx);
    await recordAudit({ event: 'recovery.access_code_used', targetUserId: user.id, ip: request.ip }, tx);
    return true;
  });
  return redeemed ? token : null;
}
