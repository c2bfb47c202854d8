import 'server-only';
import { findChallenge } from '@/lib/db/challenges';
import type { SignInMethod } from '@/lib/db/schema';
import { countUnusedRecoveryCodes } from '@/lib/db/two-step';
import { findUserForRecovery } from '@/lib/db/users';
import { hashLinkToken } from './one-time-secrets';

export type SecondFactor = 'totp' | 'email' | 'recovery';

/** What an emailed second-factor code is bound to, beside its account. */
export const EMAIL_CODE_PURPOSE = 'two_step_email';

/**
 * Codes by email do not follow a one-time link: both prove the same mailbox, which would make
 * the two steps one.
 */
export function secondFactorsFor(user: { totpEnabledAt: Date | null; emailOtpEnabled: boolean }, method: SignInMethod) {
  return { totp: user.totpEnabledAt !== null, email: user.emailOtpEnabled && method !== 'magic_link' };
}

/** What the verification page may offer for a live challenge; null when it is over. */
export async function describeChallenge(challengeToken: string | null) {
  if (!challengeToken) return null;
  const challenge = await findChallenge(hashLinkToken(challengeToken), 'second_factor');
  if (!challenge) return null;
  const user = await findUserForRecovery(challenge.userId);
  if (user?.state !== 'active') return null;
  const offered = secondFactorsFor(user, challenge.method);
  const methods: SecondFactor[] = [];
  if (offered.totp) methods.push('totp');
  if (offered.email) methods.push('email');
  if ((await countUnusedRecoveryCodes(user.id)) > 0) methods.push('recovery');
  return {
    methods,
    emailCodeSent: challenge.emailCodeHash !== null,
    emailNotAfterLink: user.emailOtpEnabled && !offered.email,
    locale: user.locale,
  };
}
