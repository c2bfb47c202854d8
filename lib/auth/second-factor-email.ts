import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { findChallenge, setChallengeEmailCode } from '@/lib/db/challenges';
import { countInWindow, pausedUntil } from '@/lib/db/throttle';
import { findUserForRecovery } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import type { AppLocale } from '@/lib/i18n/routing';
import { EMAIL_CODE_MINUTES, MAX_EMAIL_CODES, MAX_EMAIL_CODES_PER_HOUR } from '@/lib/policy';
import { hashCode, hashLinkToken, newCode } from './one-time-secrets';
import { EMAIL_CODE_PURPOSE, secondFactorsFor } from './second-factor-offer';
import type { RequestOrigin } from './sign-in-request';
import { throttleSubjects } from './throttle-subjects';

/** Emails a 6-digit code for the challenge, in the language of the page that asked. */
export async function sendSecondFactorEmail(
  challengeToken: string | null,
  locale: AppLocale,
  request: RequestOrigin,
): Promise<'sent' | 'limit' | 'hourLimit' | 'ended'> {
  if (!challengeToken) return 'ended';
  const challenge = await findChallenge(hashLinkToken(challengeToken), 'second_factor');
  const user = challenge && (await findUserForRecovery(challenge.userId));
  if (!challenge || user?.state !== 'active' || !secondFactorsFor(user, challenge.method).email) return 'ended';
  // Each sign-in may ask for a few codes, and the account for a few an hour across sign-ins:
  // someone who knows the password cannot flood the mailbox by starting over.
  const hourly = throttleSubjects.secondFactorEmail(user.id);
  if (await pausedUntil(hourly)) return 'hourLimit';
  const code = newCode();
  return db().transaction(async (tx) => {
    const codeHash = hashCode(code, { userId: user.id, purpose: EMAIL_CODE_PURPOSE });
    const set = await setChallengeEmailCode(challenge.id, { codeHash, minutes: EMAIL_CODE_MINUTES, maxSends: MAX_EMAIL_CODES }, tx);
    if (!set) return 'limit';
    await countInWindow(hourly, { limit: MAX_EMAIL_CODES_PER_HOUR, windowMinutes: 60 }, tx);
    await queueEmail(tx, {
      template: 'twoStepCode',
      to: user.email,
      locale,
      userId: user.id,
      props: { name: user.name || null, minutes: EMAIL_CODE_MINUTES },
      secrets: { code },
    });
    await recordAudit({ event: 'two_step.code_sent', targetUserId: user.id, ip: request.ip }, tx);
    return 'sent';
  });
}
