import 'server-only';
import type { TokenPurpose, TokenRevocation } from '@/lib/db/schema';
import { findToken } from '@/lib/db/tokens';
import { findUserForRecovery } from '@/lib/db/users';
import { hashLinkToken } from './one-time-secrets';
import { accountCompanySignIn } from './sso-domain-policy';

/** Why a link cannot be used: each has its own page telling the person what really happened. */
export type TokenProblem = 'invalid' | 'expired' | 'used' | 'superseded' | 'answersExhausted' | 'passwordChanged' | 'changeCancelled' | 'companySignIn';

const becauseRevoked = {
  superseded: 'superseded',
  security_answers: 'answersExhausted',
  password_changed: 'passwordChanged',
  email_change_cancelled: 'changeCancelled',
} as const satisfies Record<TokenRevocation, TokenProblem>;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
// Links that would set a password or sign in without the company: none works for its accounts.
const PASSWORD_WAYS = new Set<TokenPurpose>(['password_reset', 'magic_link', 'activation']);

/**
 * Looks a link token up without spending it (GET and HEAD never do). A token of another
 * purpose is simply not found; a token whose account can no longer use it is invalid.
 */
export async function inspectToken(token: string | undefined, purpose: TokenPurpose, allowedStates: readonly string[]) {
  if (!token || !TOKEN_SHAPE.test(token)) return { ok: false as const, problem: 'invalid' as TokenProblem };
  const found = await findToken(hashLinkToken(token), purpose);
  if (!found) return { ok: false as const, problem: 'invalid' as TokenProblem };
  if (found.used) return { ok: false as const, problem: 'used' as TokenProblem };
  if (found.revoked) {
    // Links revoked before reasons were recorded read as used: that was their old wording.
    const problem: TokenProblem = found.revokedBecause ? becauseRevoked[found.revokedBecause] : 'used';
    return { ok: false as const, problem };
  }
  if (found.expired) return { ok: false as const, problem: 'expired' as TokenProblem };
  const user = await findUserForRecovery(found.userId);
  if (!user || !allowedStates.includes(user.state)) return { ok: false as const, problem: 'invalid' as TokenProblem };
  // A link sent before the company enforced its own sign-in no longer sets a password or signs in.
  if (PASSWORD_WAYS.has(purpose) && (await accountCompanySignIn(user))) return { ok: false as const, problem: 'companySignIn' as TokenProblem };
  return { ok: true as const, token: found, user };
}
