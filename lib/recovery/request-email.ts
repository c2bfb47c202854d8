import 'server-only';
import { z } from 'zod';
import { parseIdentifier } from '@/lib/auth/identifiers';
import { hashCode, hashLinkToken, newCode, newLinkToken } from '@/lib/auth/one-time-secrets';
import { accountCompanySignIn } from '@/lib/auth/sso-domain-policy';
import { throttleSubjects } from '@/lib/auth/throttle-subjects';
import { open, seal } from '@/lib/crypto';
import { recordAudit } from '@/lib/db/audit';
import { db, type Executor } from '@/lib/db/client';
import { countRecentEmails } from '@/lib/db/outbox';
import { countInWindow, pausedUntil } from '@/lib/db/throttle';
import { countRecentTokens, findToken, insertToken, lockUserRow } from '@/lib/db/tokens';
import { findUserForRecovery, findUserForRecoveryByIdentifier } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { env } from '@/lib/env';
import { routing, type AppLocale } from '@/lib/i18n/routing';
import { enqueueJob } from '@/lib/jobs/enqueue';
import type { JobDefinition } from '@/lib/jobs/runner';
import { recoveryRequests } from '@/lib/observability/metrics';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import { toPhoneRegion, type PhoneRegion } from '@/lib/phone/regions';
import { MAGIC_LINK_MINUTES, RECOVERY_EMAILS_PER_HOUR, REQUEST_EXPIRY_MINUTES, RESET_CODE_MINUTES, RESET_LINK_MINUTES } from '@/lib/policy';
import { issueActivation } from './issue-activation';

// The emails that count towards an account's hourly limit of recovery emails.
const RECOVERY_PURPOSES = ['password_reset', 'magic_link', 'activation'] as const;

export const REQUEST_QUEUE = 'recovery.request';
const emailedRequests = ['password_reset', 'magic_link', 'activation'] as const;
export type EmailedRequest = (typeof emailedRequests)[number];

/**
 * Who a request is for, as the person gave it: what they typed (with the country a national
 * phone number is read in, since it is read later, off the request path), or the expired link
 * they hold.
 */
type Subject = { identifier: string; phoneRegion?: string } | { activationToken: string };

const SEAL_PURPOSE = 'recovery-request';

const payloadSchema = z.object({
  kind: z.enum(emailedRequests),
  sealedSubject: z.string(),
  locale: z.enum(routing.locales),
  ip: z.string().nullable(),
});
type QueuedRequest = z.infer<typeof payloadSchema> & { createdAt: Date };

/**
 * "Forgot password", "email me a sign-in link" and "send a new activation link". The request
 * path does the same work whatever the identifier — the address's allowance counted, one
 * sealed job queued — so its timing cannot tell an existing account from an unknown one. The
 * account is looked up, the token issued and the email queued later, by `recoveryRequestJob`.
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
  await db().transaction((tx) => enqueueJob(tx, { queue: REQUEST_QUEUE, payload: { kind, sealedSubject, locale: request.locale, ip: request.ip } }));
  recoveryRequests.inc({ kind });
}

/**
 * Turns a queued request into at most one email: it is handled in one transaction with the
 * job's checkpoint, so a runner that dies after that commit leaves nothing to do twice, and a
 * failure leaves it for the next try. The job's row goes once it is done or given up on: a
 * sealed identifier is kept no longer than it is needed.
 */
export const recoveryRequestJob: JobDefinition = {
  queue: REQUEST_QUEUE,
  forget: true,
  async run({ job, step }) {
    if (job.checkpoint?.handled) return { items: 0 };
    const request = { ...payloadSchema.parse(job.payload), createdAt: job.createdAt };
    await step(async (tx) => {
      await handle(tx, request);
      return { value: undefined, progress: { checkpoint: { handled: true }, processed: 1 } };
    });
    return {};
  },
};

async function handle(tx: Executor, request: QueuedRequest) {
  // A link arriving hours after it was asked for surprises more than it helps.
  if (Date.now() - request.createdAt.getTime() > REQUEST_EXPIRY_MINUTES * 60_000) return;
  const user = await recipientOf(request.sealedSubject, tx);
  if (!user) return;
  const context = { kind: request.kind, locale: request.locale, ip: request.ip };
  const audit = { targetUserId: user.id, ip: request.ip };
  if (user.state === 'deactivated') {
    await recordAudit({ event: 'recovery.refused', ...audit, detail: { purpose: request.kind, reason: 'deactivated' } }, tx);
    return;
  }
  await lockUserRow(user.id, tx);
  const recent = await countRecentTokens(user.id, RECOVERY_PURPOSES, 60, tx);
  if (recent >= RECOVERY_EMAILS_PER_HOUR) {
    await recordAudit({ event: 'recovery.rate_limited', ...audit, detail: { purpose: request.kind } }, tx);
    return;
  }
  // An account that was never activated can only be helped by its welcome link.
  if (user.state === 'pending') {
    await issueActivation(tx, user, context.locale, { ip: context.ip });
    return;
  }
  if (context.kind === 'activation') {
    await recordAudit({ event: 'recovery.refused', ...audit, detail: { purpose: context.kind, reason: 'already_active' } }, tx);
    return;
  }
  // Its company signs this account in: there is no password to reset, nor a link to send; the
  // person is told so instead (once an hour at most, whoever keeps asking).
  const company = await accountCompanySignIn(user, tx);
  if (company) {
    await recordAudit({ event: 'recovery.refused', ...audit, detail: { purpose: context.kind, reason: 'company_sign_in' } }, tx);
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
  return identifier ? findUserForRecoveryByIdentifier(identifier, tx) : undefined;
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
  await recordAudit({ event: 'recovery.requested', targetUserId: user.id, ip: request.ip, detail: { purpose } }, tx);
}
