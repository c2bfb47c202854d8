import 'server-only';
import { checkNewPassword, type NewPasswordProblem } from '@/lib/auth/password-change';
import { newAccessCode, newLinkToken, newTemporaryPassword, hashCode } from '@/lib/auth/one-time-secrets';
import { temporaryPasswordExpiry } from '@/lib/auth/password-policy';
import { hashPassword } from '@/lib/auth/passwords';
import { revokeUserAccessKeys } from '@/lib/db/access-keys';
import { recordAudit, type AuditEventName } from '@/lib/db/audit';
import { deleteUserChallenges } from '@/lib/db/challenges';
import { db, type Executor } from '@/lib/db/client';
import { deleteUserSessions } from '@/lib/db/sessions';
import { liftAccountPauses } from '@/lib/db/throttle';
import { insertToken, revokeUserTokens } from '@/lib/db/tokens';
import { clearTwoStep } from '@/lib/db/two-step';
import { setAccountState, setPasswordForUser } from '@/lib/db/users';
import { findUserInScope, type AdminUser } from '@/lib/db/users-in-scope';
import type { AdminNoticeEvent } from '@/lib/email/templates/admin-notice';
import { queueEmail } from '@/lib/email/outbox';
import type { Actor } from '@/lib/permissions/can';
import { can } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';
import { issueActivation } from '@/lib/recovery/issue-activation';
import { ACCESS_CODE_MINUTES } from '@/lib/policy';
import { issueEmailedLink } from '@/lib/recovery/request-email';

// What admins and managers do to an account. Each function finds its target through the
// actor's reach (an account out of reach is "not found", like one that does not exist), acts
// in one transaction with its audit event, and tells the account's owner in their language.

type Request = { ip: string | null };
export type AdminResult = { ok: true } | { ok: false; problem: 'notFound' | 'notApplicable' };

export async function inReach(actor: Actor, action: AdminAction, targetId: string): Promise<AdminUser | null> {
  const target = await findUserInScope(actor, action, targetId);
  return target && can(actor, action, target) ? target : null;
}

export async function done(
  tx: Executor,
  actor: Actor,
  target: AdminUser,
  request: Request,
  record: { event: AuditEventName; notice?: AdminNoticeEvent; detail?: Record<string, string | number | boolean | null> | undefined },
) {
  await recordAudit(tx, { event: record.event, actorUserId: actor.id, targetUserId: target.id, ip: request.ip, detail: record.detail });
  if (record.notice) {
    await queueEmail(tx, {
      template: 'adminNotice',
      to: target.email,
      locale: target.locale,
      userId: target.id,
      props: { name: target.name || null, event: record.notice, occurredAt: new Date().toISOString() },
    });
  }
}

/** Ends every way the account is signed in or about to be. */
async function signOutEverywhereIn(tx: Executor, userId: string) {
  await deleteUserSessions(userId, {}, tx);
  await deleteUserChallenges(userId, tx);
}

export async function unlockUser(actor: Actor, targetId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.unlock', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (!target.locked) return { ok: false, problem: 'notApplicable' };
  await db().transaction((tx) => accountEffects.unlock.apply(tx, actor, target, request));
  return { ok: true };
}

/** Unlocks every locked account of `ids` the actor reaches; returns how many were unlocked. */
export async function unlockUsers(actor: Actor, ids: string[], request: Request): Promise<number> {
  let count = 0;
  for (const id of new Set(ids)) {
    const target = await inReach(actor, 'users.bulkUnlock', id);
    if (!target?.locked) continue;
    await db().transaction(async (tx) => {
      await liftAccountPauses(target.id, tx);
      await done(tx, actor, target, request, { event: 'admin.bulk_unlocked', notice: 'unlocked' });
    });
    count += 1;
  }
  return count;
}

/** The reset email is the owner's notice: it says what to do. */
export async function sendResetLink(actor: Actor, targetId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.sendResetLink', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (target.state !== 'active') return { ok: false, problem: 'notApplicable' };
  await db().transaction((tx) => accountEffects.sendResetLink.apply(tx, actor, target, request));
  return { ok: true };
}

export async function signOutEverywhere(actor: Actor, targetId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.signOutEverywhere', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  await db().transaction(async (tx) => {
    await signOutEverywhereIn(tx, target.id);
    await done(tx, actor, target, request, { event: 'admin.signed_out_everywhere', notice: 'signedOutEverywhere' });
  });
  return { ok: true };
}

/** For a lost phone: every method and recovery code goes, and every session with them. */
export async function resetTwoStep(actor: Actor, targetId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.resetTwoStep', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (!target.totpEnabledAt && !target.emailOtpEnabled) return { ok: false, problem: 'notApplicable' };
  await db().transaction(async (tx) => {
    await clearTwoStep(target.id, tx);
    await signOutEverywhereIn(tx, target.id);
    await done(tx, actor, target, request, { event: 'admin.two_step_reset', notice: 'twoStepReset' });
  });
  return { ok: true };
}

export async function resendActivation(actor: Actor, targetId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.resendActivation', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (target.state !== 'pending') return { ok: false, problem: 'notApplicable' };
  await db().transaction(async (tx) => {
    await issueActivation(tx, target, target.locale, { actorUserId: actor.id, ip: request.ip });
    await done(tx, actor, target, request, { event: 'admin.activation_resent' });
  });
  return { ok: true };
}

/** Deactivation ends every session, link, access key and sign-in in progress at once. */
export async function setDeactivated(actor: Actor, targetId: string, deactivated: boolean, request: Request): Promise<AdminResult> {
  const action = deactivated ? 'user.deactivate' : 'user.reactivate';
  const target = await inReach(actor, action, targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  const changed = await db().transaction((tx) =>
    deactivated ? accountEffects.deactivate.apply(tx, actor, target, request) : setStateIn(tx, actor, target, request, false),
  );
  return changed ? { ok: true } : { ok: false, problem: 'notApplicable' };
}

async function setStateIn(tx: Executor, actor: Actor, target: AdminUser, request: Request, deactivated: boolean, detail?: Detail) {
  const [from, to] = deactivated ? (['active', 'deactivated'] as const) : (['deactivated', 'active'] as const);
  if (!(await setAccountState(target.id, from, to, tx))) return false;
  if (deactivated) {
    await signOutEverywhereIn(tx, target.id);
    await revokeUserTokens(target.id, tx);
    await revokeUserAccessKeys(target.id, tx);
  }
  await done(tx, actor, target, request, {
    event: deactivated ? 'admin.deactivated' : 'admin.reactivated',
    notice: deactivated ? 'deactivated' : 'reactivated',
    detail,
  });
  return true;
}

type Detail = Record<string, string | number | boolean | null>;

/**
 * The operations that a bulk job applies to each account of a filter, exactly as the account's
 * own page does: the same change, audit event and email, inside the caller's transaction.
 * `apply` answers false when the account no longer needed it (nothing was written then).
 */
export const accountEffects = {
  unlock: {
    action: 'user.unlock',
    applies: (target: AdminUser) => target.locked,
    async apply(tx: Executor, actor: Actor, target: AdminUser, request: Request, detail?: Detail) {
      await liftAccountPauses(target.id, tx);
      await done(tx, actor, target, request, { event: 'admin.unlocked', notice: 'unlocked', detail });
      return true;
    },
  },
  sendResetLink: {
    action: 'user.sendResetLink',
    applies: (target: AdminUser) => target.state === 'active',
    async apply(tx: Executor, actor: Actor, target: AdminUser, request: Request, detail?: Detail) {
      await issueEmailedLink(tx, target, { kind: 'password_reset', locale: target.locale, ip: request.ip });
      await done(tx, actor, target, request, { event: 'admin.reset_link_sent', detail });
      return true;
    },
  },
  deactivate: {
    action: 'user.deactivate',
    applies: (target: AdminUser) => target.state === 'active',
    apply: (tx: Executor, actor: Actor, target: AdminUser, request: Request, detail?: Detail) => setStateIn(tx, actor, target, request, true, detail),
  },
} as const satisfies Record<string, { action: AdminAction; applies(target: AdminUser): boolean; apply(tx: Executor, actor: Actor, target: AdminUser, request: Request, detail?: Detail): Promise<boolean> }>;

export type BulkOperation = keyof typeof accountEffects;

export type SetPasswordResult = AdminResult | { ok: false; problem: 'password'; problems: NewPasswordProblem[] };

/**
 * A password chosen by the admin (Opentime's manager flow): the reset policy applies; unless
 * told otherwise it is temporary — it works for 24 hours and only to choose a new one. Every
 * session, link and sign-in in progress ends.
 */
export async function setUserPassword(
  actor: Actor,
  targetId: string,
  input: { password: string; confirmation: string; temporary: boolean },
  request: Request,
): Promise<SetPasswordResult> {
  const target = await inReach(actor, 'user.setPassword', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (target.state !== 'active') return { ok: false, problem: 'notApplicable' };
  const problems = checkNewPassword(input.password, input.confirmation, target);
  if (problems.length > 0) return { ok: false, problem: 'password', problems };
  const passwordHash = await hashPassword(input.password);
  await db().transaction(async (tx) => {
    await replaceCredentials(tx, target.id, { passwordHash, temporaryUntil: input.temporary ? temporaryPasswordExpiry() : null });
    await done(tx, actor, target, request, { event: 'admin.password_set', notice: input.temporary ? 'passwordSet' : 'passwordReplaced', detail: { temporary: input.temporary } });
  });
  return { ok: true };
}

/** A new password replaces the old one: every session, link and sign-in in progress ends. */
async function replaceCredentials(tx: Executor, userId: string, password: { passwordHash: string; temporaryUntil: Date | null }) {
  await setPasswordForUser(userId, password, tx);
  await signOutEverywhereIn(tx, userId);
  await revokeUserTokens(userId, tx);
  await liftAccountPauses(userId, tx);
}

/**
 * Ooma's and RingCentral's reset: a random temporary password goes to the account's address,
 * so neither the admin nor anyone watching their screen learns it.
 */
export async function sendRandomPassword(actor: Actor, targetId: string, request: Request): Promise<AdminResult> {
  const target = await inReach(actor, 'user.randomPassword', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (target.state !== 'active') return { ok: false, problem: 'notApplicable' };
  const password = newTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const temporaryUntil = temporaryPasswordExpiry();
  await db().transaction(async (tx) => {
    await replaceCredentials(tx, target.id, { passwordHash, temporaryUntil });
    await queueEmail(tx, {
      template: 'temporaryPassword',
      to: target.email,
      locale: target.locale,
      userId: target.id,
      props: { name: target.name || null, expiresAt: temporaryUntil.toISOString() },
      secrets: { password },
    });
    await done(tx, actor, target, request, { event: 'admin.random_password_sent' });
  });
  return { ok: true };
}

export type AccessCodeResult = { ok: true; code: string; expiresAt: Date } | { ok: false; problem: 'notFound' | 'notApplicable' };

/**
 * Workplace's access code for someone without email: shown once to the admin, who prints it or
 * reads it out; redeemed with the person's identifier on the forgot-password page. A new code
 * replaces the previous one; a reset the person asks for by email does not touch it.
 */
export async function issueAccessCode(actor: Actor, targetId: string, request: Request): Promise<AccessCodeResult> {
  const target = await inReach(actor, 'user.accessCode', targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (target.state !== 'active') return { ok: false, problem: 'notApplicable' };
  const code = newAccessCode();
  const expiresAt = new Date(Date.now() + ACCESS_CODE_MINUTES * 60_000);
  await db().transaction(async (tx) => {
    await insertToken(
      {
        userId: target.id,
        purpose: 'access_code',
        // The row is found by account and code, never by this token: it only fills the column.
        tokenHash: newLinkToken().hash,
        codeHash: hashCode(code, { userId: target.id, purpose: 'access_code' }),
        codeExpiresInMinutes: ACCESS_CODE_MINUTES,
        expiresInMinutes: ACCESS_CODE_MINUTES,
        locale: target.locale,
      },
      tx,
    );
    await done(tx, actor, target, request, { event: 'admin.access_code_issued', notice: 'accessCodeIssued' });
  });
  return { ok: true, code, expiresAt };
}
