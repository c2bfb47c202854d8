import 'server-only';
import { codeMatches, hashCode, hashLinkToken, newCode, newLinkToken, normaliseCode } from '@/lib/auth/one-time-secrets';
import { accountCompanySignIn, domainOf } from '@/lib/auth/sso-domain-policy';
import { inspectToken, type TokenProblem } from '@/lib/auth/token-state';
import { recordAudit } from '@/lib/db/audit';
import { deleteUserChallenges } from '@/lib/db/challenges';
import { db, type Executor } from '@/lib/db/client';
import { deleteUserSessions } from '@/lib/db/sessions';
import { consumeToken, consumeTokenById, findLiveToken, insertToken, reserveCodeAttempt, revokeTokensAfterCancel } from '@/lib/db/tokens';
import { emailTakenByOther, findUserForRecovery, setEmail, type PublicUser } from '@/lib/db/users';
import { queueEmail } from '@/lib/email/outbox';
import { EMAIL_CHANGE_CANCEL_DAYS, EMAIL_CHANGE_CODE_MINUTES, EMAIL_CHANGE_LINK_MINUTES, MAX_CODE_ATTEMPTS } from '@/lib/policy';
import { issueEmailedLink } from '@/lib/recovery/request-email';
import { normaliseEmail } from '@/lib/validation/email';

// A new address counts only once a link or code sent to it comes back; until then the old
// address stays in use, and it is told at once, with a "this wasn't me" link that stops the
// change (or undoes it) and starts a reset from the old mailbox.

type Request = { ip: string | null };

export async function pendingEmailChange(userId: string): Promise<string | null> {
  return (await findLiveToken(userId, 'email_change'))?.newEmail ?? null;
}

/** Sends the old address its "this wasn't me" link (a new one replaces the earlier). */
async function noticeToOldAddress(
  tx: Executor,
  user: { id: string; email: string; name: string; locale: 'en' | 'fr' },
  template: 'emailChangeRequested' | 'emailChanged',
  newEmail: string,
) {
  const cancel = newLinkToken();
  await insertToken(
    { userId: user.id, purpose: 'email_change_cancel', tokenHash: cancel.hash, locale: user.locale, newEmail: user.email, expiresInMinutes: EMAIL_CHANGE_CANCEL_DAYS * 24 * 60 },
    tx,
  );
  await queueEmail(tx, {
    template,
    to: user.email,
    locale: user.locale,
    userId: user.id,
    props: { name: user.name || null, newEmail },
    secrets: { token: cancel.token },
  });
}

export type EmailChangeRequest =
  | { ok: true; newEmail: string }
  | { ok: false; problem: 'invalid' | 'same' | 'taken' }
  | { ok: false; problem: 'companySignIn'; company: string };

/**
 * An account its company signs in keeps an address of that company: moving it elsewhere would
 * take it off the company's sign-in (and out of the company's reach when it turns the person
 * off), so that needs an admin.
 */
async function leavesCompany(user: { id: string; email: string }, newEmail: string, executor: Executor = db()) {
  const company = await accountCompanySignIn(user, executor);
  return company && !company.domains.includes(domainOf(newEmail) ?? '') ? company : null;
}

export async function requestEmailChange(user: PublicUser, typed: string, request: Request): Promise<EmailChangeRequest> {
  const newEmail = normaliseEmail(typed);
  if (!newEmail) return { ok: false, problem: 'invalid' };
  if (newEmail === user.email) return { ok: false, problem: 'same' };
  const company = await leavesCompany(user, newEmail);
  if (company) {
    await recordAudit({ event: 'email_change.refused', actorUserId: user.id, targetUserId: user.id, ip: request.ip, detail: { reason: 'company_sign_in', connection: company.name } });
    return { ok: false, problem: 'companySignIn', company: company.name };
  }
  if (await emailTakenByOther(user.id, newEmail)) return { ok: false, problem: 'taken' };
  const { token, hash } = newLinkToken();
  const code = newCode();
  await db().transaction(async (tx) => {
    await insertToken(
      {
        userId: user.id,
        purpose: 'email_change',
        tokenHash: hash,
        codeHash: hashCode(code, { userId: user.id, purpose: 'email_change' }),
        locale: user.locale,
        newEmail,
        expiresInMinutes: EMAIL_CHANGE_LINK_MINUTES,
        codeExpiresInMinutes: EMAIL_CHANGE_CODE_MINUTES,
      },
      tx,
    );
    await queueEmail(tx, {
      template: 'emailChangeVerify',
      to: newEmail,
      locale: user.locale,
      userId: user.id,
      props: { name: user.name || null, linkMinutes: EMAIL_CHANGE_LINK_MINUTES, codeMinutes: EMAIL_CHANGE_CODE_MINUTES },
      secrets: { token, code },
    });
    await noticeToOldAddress(tx, user, 'emailChangeRequested', newEmail);
    await recordAudit({ event: 'email_change.requested', actorUserId: user.id, targetUserId: user.id, ip: request.ip }, tx);
  });
  return { ok: true, newEmail };
}

export type EmailChangeResult = { ok: true; newEmail: string } | { ok: false; problem: TokenProblem | 'taken' };

/** The new address proved (by a spent token row): it becomes the account's, the old one is told. */
async function complete(tx: Executor, spent: { userId: string; newEmail: string | null }, request: Request): Promise<EmailChangeResult> {
  const user = await findUserForRecovery(spent.userId, tx);
  if (!user || user.state !== 'active' || !spent.newEmail) return { ok: false, problem: 'invalid' };
  // Asked before the company enforced its sign-in, or before this identity was linked.
  if (await leavesCompany(user, spent.newEmail, tx)) return { ok: false, problem: 'companySignIn' };
  if (await emailTakenByOther(user.id, spent.newEmail, tx)) return { ok: false, problem: 'taken' };
  await setEmail(user.id, spent.newEmail, tx);
  await noticeToOldAddress(tx, user, 'emailChanged', spent.newEmail);
  await recordAudit({ event: 'email_change.completed', actorUserId: user.id, targetUserId: user.id, ip: request.ip }, tx);
  return { ok: true, newEmail: spent.newEmail };
}

export async function openEmailChangeLink(token: string | undefined) {
  return inspectToken(token, 'email_change', ['active']);
}

/** The link from the new mailbox (only ever from its page's button). */
export async function confirmEmailChangeLink(token: string, request: Request): Promise<EmailChangeResult> {
  const opened = await openEmailChangeLink(token);
  if (!opened.ok) return opened;
  return db().transaction(async (tx) => {
    const spent = await consumeToken(hashLinkToken(token), 'email_change', {}, tx);
    return spent ? complete(tx, spent, request) : { ok: false as const, problem: 'used' as const };
  });
}

/** The code from the new mailbox, typed while signed in: counted before it is compared. */
export async function confirmEmailChangeCode(userId: string, typed: string, request: Request): Promise<EmailChangeResult | { ok: false; problem: 'wrongCode' }> {
  const code = normaliseCode(typed);
  if (!code) return { ok: false, problem: 'wrongCode' };
  const reserved = await reserveCodeAttempt(userId, 'email_change', MAX_CODE_ATTEMPTS);
  if (!reserved?.codeHash || !codeMatches(code, reserved.codeHash, { userId, purpose: 'email_change' })) {
    await recordAudit({ event: 'recovery.code_failed', targetUserId: userId, ip: request.ip, detail: { purpose: 'email_change' } });
    return { ok: false, problem: 'wrongCode' };
  }
  return db().transaction(async (tx) => {
    const spent = await consumeTokenById(reserved.id, tx);
    return spent ? complete(tx, spent, request) : { ok: false as const, problem: 'used' as const };
  });
}

export async function openCancelLink(token: string | undefined) {
  return inspectToken(token, 'email_change_cancel', ['active']);
}

/**
 * "This wasn't me", from the old mailbox: the pending change stops, a change already made is
 * undone, every session ends, and a reset link goes to the old address.
 */
export async function cancelEmailChange(token: string, request: Request): Promise<{ ok: true } | { ok: false; problem: TokenProblem }> {
  const opened = await openCancelLink(token);
  if (!opened.ok) return opened;
  return db().transaction(async (tx) => {
    const spent = await consumeToken(hashLinkToken(token), 'email_change_cancel', {}, tx);
    const user = spent && (await findUserForRecovery(spent.userId, tx));
    if (!spent?.newEmail || !user) return { ok: false as const, problem: 'used' as const };
    const oldEmail = spent.newEmail;
    await revokeTokensAfterCancel(user.id, spent.id, tx);
    await deleteUserChallenges(user.id, tx);
    const restored = user.email !== oldEmail && !(await emailTakenByOther(user.id, oldEmail, tx));
    if (restored) await setEmail(user.id, oldEmail, tx);
    await deleteUserSessions(user.id, {}, tx);
    await issueEmailedLink(tx, { id: user.id, email: oldEmail, name: user.name }, { kind: 'password_reset', locale: user.locale, ip: request.ip });
    await recordAudit({ event: 'email_change.cancelled', targetUserId: user.id, ip: request.ip, detail: { restored } }, tx);
    return { ok: true as const };
  });
}
