import 'server-only';
import { parseIdentifier } from '@/lib/auth/identifiers';
import { recordAudit } from '@/lib/db/audit';
import { exchangeCode, reserveCodeAttempt } from '@/lib/db/tokens';
import { findUserForRecoveryByIdentifier } from '@/lib/db/users';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import type { PhoneRegion } from '@/lib/phone/regions';
import { codeMatches, newLinkToken, normaliseCode } from '@/lib/auth/one-time-secrets';
import { MAX_CODE_ATTEMPTS } from '@/lib/policy';

/**
 * Trades the 6-digit code from an email for a fresh link token, once. The attempt is counted
 * before the code is compared, so parallel guesses get at most five comparisons; the fifth
 * wrong one burns the code. Unknown identifiers, wrong, spent and expired codes all answer
 * `null`, so the answer says nothing about the account.
 */
export async function exchangeEmailedCode(request: {
  purpose: 'password_reset' | 'magic_link';
  identifier: string;
  /** The country a national phone number is read in, as chosen beside the field. */
  phoneRegion?: PhoneRegion;
  code: string;
  ip: string | null;
}): Promise<string | null> {
  const code = normaliseCode(request.code);
  const identifier = parseIdentifier(request.identifier, request.phoneRegion ?? siteDefaultRegion());
  const user = code && identifier ? await findUserForRecoveryByIdentifier(identifier) : undefined;
  if (!user || !code) return null;

  const binding = { userId: user.id, purpose: request.purpose };
  const reserved = await reserveCodeAttempt(user.id, request.purpose, MAX_CODE_ATTEMPTS);
  if (!reserved?.codeHash) return null;
  if (!codeMatches(code, reserved.codeHash, binding)) {
    await recordAudit({ event: 'recovery.code_failed', targetUserId: user.id, ip: request.ip, detail: { purpose: request.purpose } });
    return null;
  }
  const { token, hash } = newLinkToken();
  return (await exchangeCode(reserved.id, reserved.codeHash, hash)) ? token : null;
}
