import 'server-only';
import { accountCompanySignIn } from '@/lib/sso/domain-policy';
import { parseIdentifier } from '@/lib/auth/identifiers';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { open, seal } from '@/lib/crypto';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import {
  claimRecoveryRequests,
  deleteRecoveryRequest,
  insertRecoveryRequest,
  type ClaimedRecoveryRequest,
} from '@/lib/db/recovery-requests';
import type { RecoveryRequestKind } from '@/lib/db/schema';
import { countRecentEmails } from '@/lib/db/outbox';
import { countInWindow, pausedUntil } from '@/lib/db/throttle';
import { countRecentTokens, findToken, insertToken, lockUserRow } from '@/lib/db/tokens';
import { findUserForRecovery, findUserForSignIn } from '@/lib/db/users';
import { queueEmail, wakeDispatchers } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { logger } from '@/lib/observability/logger';
import { recoveryRequests } from '@/lib/observability/metrics';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import { toPhoneRegion, type PhoneRegion } from '@/lib/phone/regions';
import { hashCode, hashLinkToken, newCode, newLinkToken } from '@/lib/auth/one-time-secrets';
import { issueActivation } from './issue-activation';
import {
  MAGIC_LINK_MINUTES,
  RECOVERY_EMAILS_PER_HOUR,
  RECOVERY_PURPOSES,
  REQUEST_EXPIRY_MINUTES,
  RESET_CODE_MINUTES,
  RESET_LINK_MINUTES,
} from './policy';

export type EmailedRequest = RecoveryRequestKind;

/**
 * Who a request is for, as the person gave it: what they typed (with the country a national
 * phone number is read in, since it is read later, off the request path), or the expired link
 * they hold.
 */
type Subject = { identifier: string; phoneRegion?: string } | { activationToken: string };

const SEAL_PURPOSE = 'recovery-request';
const MAX_ATTEMPTS = 5;
const LEASE_SECONDS = 60;

/**
 * "Forgot password", "email me a sign-in link" and "send a new activation link". The request
 * path does the same work whatever the identifier — the address's allowance counted, one
 * sealed row written, the dispatchers woken — so its timing cannot tell an existing account
 * from an unknown one. The account is looked up, the token issued and the email queued later,
 * by `handleQueuedRequests`.
 */
export async function requestEmailedLink(request: {
  kind: EmailedRequest;
  identifier: string;
  phoneRegion?: PhoneRegion;
  locale: AppLocale;
  ip: string | null;
}): Promise<void> {
  await queueRequest(request.kind, { identifier: request.identifier, phoneRegion: request.phoneRegion }, request);
}

/** "Send me a new link" on an expired activation page: the old link names the account. */
export async function requestFreshActivation(request: { token: string; locale: AppLocale; ip: string | null }) {
  await queueRequest('activation', { activationToken: request.token }, request);
}

async function queueRequest(kind: EmailedRequest, subject: Subject, request: { locale: AppLocale; ip: string | null }) {
  const config = env();
  // A flood from one address is dropped whatever it asks for, so the limit says nothing about accounts.
  if (request.ip) {
    const address = throttleSubjects.recoveryAddress(request.ip);
    if (await pausedUntil(address)) return;
    await countInWindow(address, { limit: config.RECOVERY_IP_LIMIT, windowMinutes: config.IP_WINDOW_MINUTES });
  }
  const sealedSubject = seal(subject, config.AUTH_SECRET, SEAL_PURPOSE);
  await db().transaction(async (tx) => {
    await insertRecoveryRequest({ kind, sealedSubject, locale: request.locale, ip: request.ip }, tx);
    await wakeDispatchers(tx);
  });
  recoveryRequests.inc({ kind });
}

/**
 * One pass over the queued requests, each handled in its own transaction that also deletes it:
 * a request becomes at most one email, and a failure leaves it for the next pass. Returns how
 * many were claimed.
 */
export async function handleQueuedRequests(limit = 20): Promise<number> {
  const claimed = await claimRecoveryRequests(limit, LEASE_SECONDS);
  for (const request of claimed) {
    try {
      await db().transaction(async (tx) => {
        if (await deleteRecoveryRequest(request.id, tx)) await handle(tx, request);
      });
    } catch (error) {
      const context = { err: error, kind: request.kind, attempts: request.attempts };
      if (request.attempts < MAX_ATTEMPTS) {
        logger.warn(context, 'an emailed-link request failed; it will be tried again');
        continue;
      }
      logger.error(context, 'gave up on an emailed-link request');
      // If the database is still down, the request comes back after its lease and expires then.
      await deleteRecoveryRequest(request.id).catch(() => undefined);
    }
  }
  return claimed.length;
}

async function handle(tx: Executor, request: ClaimedRecoveryRequest) {
  // A link arriving hours after it was asked for surprises more than it helps.
  if (Date.now() - request.createdAt.getTime() > REQUEST_EXPIRY_MINUTES * 60_000) return;
  const user = await recipientOf(request.sealedSubject, tx);
  if (!user) return;
  const context = { kind: request.kind, locale: request.locale, ip: request.ip };
  const audit = { targetUserId: user.id, ip: request.ip };
  if (user.state === 'deactivated') {
    await recordAudit(tx, { event: 'recovery.refused', ...audit, detail: { purpose: request.kind, reason: 'deactivated' } });
    return;
  }
  await lockUserRow(user.id, tx);
  const recent = await countRecentTokens(user.id, RECOVERY_PURPOSES, 60, tx);
  if (recent >= RECOVERY_EMAILS_PER_HOUR) {
    await recordAudit(tx, { event: 'recovery.rate_limited', ...audit, detail: { purpose: request.kind } });
    return;
  }
  // An account that was never activated can only be helped by its welcome link.
  if (user.state === 'pending') {
    await issueActivation(tx, user, context.locale, { ip: context.ip });
    return;
  }
  if (context.kind === 'activation') {
    await recordAudit(tx, { event: 'recovery.refused', ...audit, detail: { purpose: context.kind, reason: 'already_active' } });
    return;
  }
  // Its company signs this account in: there is no password to reset, nor a link to send; the
  // person is told so instead (once an hour at most, whoever keeps asking).
  const company = await accountCompanySignIn(user, tx);
  if (company) {
    await recordAudit(tx, { event: 'recovery.refused', ...audit, detail: { purpose: context.kind, reason: 'company_sign_in' } });
    if ((await countRecentEmails(user.id, 'companySignIn', 60, tx)) > 0) return;
    const props = { name: user.name || null, company: company.name, asked: context.kind, email: user.email };
    await queueEmail(tx, { template: 'companySignIn', to: user.email, locale: context.locale, userId: user.id, props });
    return;
  }
  await issueEmailedLink(tx, user, { ...context, kind: context.kind });
}

async function recipientOf(sealedSubject: string, tx: Executor) {
  let subject: Subject;
  try {
    subject = open<Subject>(sealedSubject, env().AUTH_SECRET, SEAL_PURPOSE);
  } catch {
    // Sealed under another AUTH_SECRET: nobody can be identified any more.
    return undefined;
  }
  if ('activationToken' in subject) {
    const found = await findToken(hashLinkToken(subject.activationToken), 'activation', tx);
    return found ? findUserForRecovery(found.userId, tx) : undefined;
  }
  // Requests sealed before the country was part of them are read in the site's default.
  const identifier = parseIdentifier(subject.identifier, toPhoneRegion(subject.phoneRegion) ?? siteDefaultRegion());
  return identifier ? findUserForSignIn(identifier, tx) : undefined;
}

/** A reset or sign-in link with its 6-digit code, in one email in the journey's language. */
export async function issueEmailedLink(
  tx: Executor,
  user: { id: string; email: string; name: string },
  request: { kind: 'password_reset' | 'magic_link'; locale: AppLocale; ip: string | null },
) {
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
  await recordAudit(tx, { event: 'recovery.requested', targetUserId: user.id, ip: request.ip, detail: { purpose } });
}
