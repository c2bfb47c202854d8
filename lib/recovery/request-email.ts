import 'server-only';
import { parseIdentifier } from '@/lib/auth/identifiers';
import { verifyAgainstDummy } from '@/lib/auth/password-hashing';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { countRecentTokens, findToken, insertToken, lockUserRow } from '@/lib/db/tokens';
import { findUserForRecovery, findUserForSignIn } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { issueActivation } from './issue-activation';
import { hashCode, hashLinkToken, newCode, newLinkToken } from './codes';
import {
  MAGIC_LINK_MINUTES,
  RECOVERY_EMAILS_PER_HOUR,
  RECOVERY_PURPOSES,
  RESET_CODE_MINUTES,
  RESET_LINK_MINUTES,
} from './policy';

export type EmailedRequest = 'password_reset' | 'magic_link' | 'activation';

interface Recipient {
  id: string;
  email: string;
  name: string;
  state: 'pending' | 'active' | 'deactivated';
}

/**
 * "Forgot password", "email me a sign-in link" and "send a new activation link". The caller
 * always shows the same answer: whatever the identifier, this spends one argon2 verification,
 * queues at most one email in the outbox (never sends inline) and returns nothing.
 */
export async function requestEmailedLink(request: {
  kind: EmailedRequest;
  identifier: string;
  locale: AppLocale;
  ip: string | null;
}): Promise<void> {
  const identifier = parseIdentifier(request.identifier, env().DEFAULT_PHONE_REGION);
  const [user] = await Promise.all([
    identifier ? findUserForSignIn(identifier) : undefined,
    verifyAgainstDummy(request.identifier),
  ]);
  await sendTo(user, request);
}

/** "Send me a new link" on an expired activation page: the old token names the account. */
export async function requestFreshActivation(request: { token: string; locale: AppLocale; ip: string | null }) {
  const [found] = await Promise.all([
    findToken(hashLinkToken(request.token), 'activation'),
    verifyAgainstDummy(request.token),
  ]);
  const user = found ? await findUserForRecovery(found.userId) : undefined;
  await sendTo(user, { kind: 'activation', locale: request.locale, ip: request.ip });
}

async function sendTo(user: Recipient | undefined, request: { kind: EmailedRequest; locale: AppLocale; ip: string | null }) {
  if (!user) return;
  const audit = { targetUserId: user.id, ip: request.ip };
  if (user.state === 'deactivated') {
    await recordAudit(db(), { event: 'recovery.refused', ...audit, detail: { purpose: request.kind, reason: 'deactivated' } });
    return;
  }
  await db().transaction(async (tx) => {
    await lockUserRow(user.id, tx);
    const recent = await countRecentTokens(user.id, RECOVERY_PURPOSES, 60, tx);
    if (recent >= RECOVERY_EMAILS_PER_HOUR) {
      await recordAudit(tx, { event: 'recovery.rate_limited', ...audit, detail: { purpose: request.kind } });
      return;
    }
    // An account that was never activated can only be helped by its welcome link.
    if (user.state === 'pending') {
      await issueActivation(tx, user, request.locale, { ip: request.ip });
      return;
    }
    if (request.kind === 'activation') {
      await recordAudit(tx, { event: 'recovery.refused', ...audit, detail: { purpose: request.kind, reason: 'already_active' } });
      return;
    }
    const { token, hash } = newLinkToken();
    const code = newCode();
    const purpose = request.kind;
    const linkMinutes = purpose === 'password_reset' ? RESET_LINK_MINUTES : MAGIC_LINK_MINUTES;
    const codeMinutes = purpose === 'password_reset' ? RESET_CODE_MINUTES : MAGIC_LINK_MINUTES;
    await insertToken(
      {
        userId: user.id,
        purpose,
        tokenHash: hash,
        codeHash: hashCode(code, { userId: user.id, purpose }),
        locale: request.locale,
        expiresInMinutes: linkMinutes,
        codeExpiresInMinutes: codeMinutes,
      },
      tx,
    );
    const props = { name: user.name || null, linkMinutes, codeMinutes };
    const email = { to: user.email, locale: request.locale, userId: user.id, props, secrets: { token, code } };
    if (purpose === 'password_reset') await queueEmail(tx, { template: 'passwordReset', ...email });
    else await queueEmail(tx, { template: 'magicLink', ...email });
    await recordAudit(tx, { event: 'recovery.requested', ...audit, detail: { purpose } });
  });
}
