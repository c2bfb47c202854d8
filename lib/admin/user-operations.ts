import 'server-only';
import { newAccessCode, newLinkToken, newTemporaryPassword, hashCode } from '@/lib/auth/one-time-secrets';
import { temporaryPasswordExpiry } from '@/lib/passwords/password-policy';
import { hashPassword } from '@/lib/passwords/passwords';
import { revokeUserAccessKeys } from '@/lib/db/access-keys';
import type { AuditEventName } from '@/lib/db/audit';
import type { Executor } from '@/lib/db/client';
import { liftAccountPauses } from '@/lib/db/throttle';
import { insertToken, revokeUserTokens } from '@/lib/db/tokens';
import { clearTwoStep } from '@/lib/db/two-step';
import { setAccountState } from '@/lib/db/users';
import type { AdminUser } from '@/lib/admin/users-in-scope';
import type { AdminNoticeEvent } from '@/lib/email/templates/admin-notice';
import { queueEmail } from '@/lib/email/outbox';
import type { Actor } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';
import { ACCESS_CODE_MINUTES } from '@/lib/policy';
import { issueActivation } from '@/lib/recovery/issue-activation';
import { issueEmailedLink } from '@/lib/recovery/request-email';
import { done, replaceCredentials, signOutEverywhereIn, type AdminRequest, type AuditDetail } from './account-changes';

type Context = { actor: Actor; request: AdminRequest };

interface OperationRule {
  /** The right it takes, to the account as well (the actor's reach). */
  permission: AdminAction;
  /** The right to run it on many accounts at once (a whole filter's job, or the list's selection), if it may be. */
  bulkPermission?: AdminAction;
  /** Whether it means anything for the account as it is now: the page offers only those. */
  applies(target: AdminUser): boolean;
  event: AuditEventName;
  /** The owner's email saying what happened, unless the change sends one of its own. */
  notice?: AdminNoticeEvent;
  /** The change, in the caller's transaction: null when the account no longer needed it; what it answers is shown once to the admin. */
  change(tx: Executor, target: AdminUser, context: Context): Promise<object | null>;
}

const isActive = (target: AdminUser) => target.state === 'active';

/**
 * The one-button operations on an account, each confirmed on its page before it runs (with
 * the words of `Admin.user.ops.<name>`; the form posts the page's language and the account's
 * id), whether from that page or from a bulk job over a whole filter: the same right, the same
 * change, audit event and email.
 */
export const userOperations = {
  unlock: {
    permission: 'user.unlock',
    bulkPermission: 'users.bulkUnlock',
    applies: (target) => target.locked,
    event: 'admin.unlocked',
    notice: 'unlocked',
    async change(tx, target) {
      await liftAccountPauses(target.id, tx);
      return {};
    },
  },
  /** The reset email is the owner's notice: it says what to do. */
  sendResetLink: {
    permission: 'user.sendResetLink',
    bulkPermission: 'users.bulkSendResetLink',
    applies: isActive,
    event: 'admin.reset_link_sent',
    async change(tx, target, { request }) {
      await issueEmailedLink(tx, target, { kind: 'password_reset', locale: target.locale, ip: request.ip });
      return {};
    },
  },
  /**
   * Ooma's and RingCentral's reset: a random temporary password goes to the account's address,
   * so neither the admin nor anyone watching their screen learns it.
   */
  randomPassword: {
    permission: 'user.randomPassword',
    applies: isActive,
    event: 'admin.random_password_sent',
    async change(tx, target) {
      const password = newTemporaryPassword();
      const temporaryUntil = temporaryPasswordExpiry();
      await replaceCredentials(tx, target.id, { passwordHash: await hashPassword(password), temporaryUntil });
      await queueEmail(tx, {
        template: 'temporaryPassword',
        to: target.email,
        locale: target.locale,
        userId: target.id,
        props: { name: target.name || null, expiresAt: temporaryUntil.toISOString() },
        secrets: { password },
      });
      return {};
    },
  },
  /**
   * Workplace's access code for someone without email: shown once to the admin, who prints it
   * or reads it out; redeemed with the person's identifier on the forgot-password page. A new
   * code replaces the previous one; a reset the person asks for by email does not touch it.
   */
  accessCode: {
    permission: 'user.accessCode',
    applies: isActive,
    event: 'admin.access_code_issued',
    notice: 'accessCodeIssued',
    async change(tx, target) {
      const code = newAccessCode();
      const expiresAt = new Date(Date.now() + ACCESS_CODE_MINUTES * 60_000);
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
      return { code, expiresAt };
    },
  },
  signOutEverywhere: {
    permission: 'user.signOutEverywhere',
    applies: isActive,
    event: 'admin.signed_out_everywhere',
    notice: 'signedOutEverywhere',
    async change(tx, target) {
      await signOutEverywhereIn(tx, target.id);
      return {};
    },
  },
  /** For a lost phone: every method and recovery code goes, and every session with them. */
  resetTwoStep: {
    permission: 'user.resetTwoStep',
    applies: (target) => isActive(target) && (target.totpEnabledAt !== null || target.emailOtpEnabled),
    event: 'admin.two_step_reset',
    notice: 'twoStepReset',
    async change(tx, target) {
      await clearTwoStep(target.id, tx);
      await signOutEverywhereIn(tx, target.id);
      return {};
    },
  },
  resendActivation: {
    permission: 'user.resendActivation',
    applies: (target) => target.state === 'pending',
    event: 'admin.activation_resent',
    async change(tx, target, { actor, request }) {
      await issueActivation(tx, target, target.locale, { actorUserId: actor.id, ip: request.ip });
      return {};
    },
  },
  /** Deactivation ends every session, link, access key and sign-in in progress at once. */
  deactivate: {
    permission: 'user.deactivate',
    bulkPermission: 'users.bulkDeactivate',
    applies: isActive,
    event: 'admin.deactivated',
    notice: 'deactivated',
    async change(tx, target) {
      if (!(await setAccountState(target.id, 'active', 'deactivated', tx))) return null;
      await signOutEverywhereIn(tx, target.id);
      await revokeUserTokens(target.id, tx);
      await revokeUserAccessKeys(target.id, tx);
      return {};
    },
  },
  reactivate: {
    permission: 'user.reactivate',
    applies: (target) => target.state === 'deactivated',
    event: 'admin.reactivated',
    notice: 'reactivated',
    change: async (tx, target) => ((await setAccountState(target.id, 'deactivated', 'active', tx)) ? {} : null),
  },
} as const satisfies Record<string, OperationRule>;

export type UserOperation = keyof typeof userOperations;
/** The page's order of the operations. */
export const userOperationNames = Object.keys(userOperations) as UserOperation[];
export const isUserOperation = (value: unknown): value is UserOperation => userOperationNames.includes(value as UserOperation);

/** What an operation shows the admin once it is done (the access code), if anything. */
export type Shown<O extends UserOperation> = NonNullable<Awaited<ReturnType<(typeof userOperations)[O]['change']>>>;

/**
 * Runs `operation` on an account already found in reach, with its audit event (or `record`'s,
 * where the same change is recorded as part of something larger) and the owner's email.
 */
export async function applyOperation<O extends UserOperation>(
  tx: Executor,
  operation: O,
  actor: Actor,
  target: AdminUser,
  request: AdminRequest,
  record: { event?: AuditEventName; detail?: AuditDetail } = {},
): Promise<Shown<O> | null> {
  const rule: OperationRule = userOperations[operation];
  const shown = await rule.change(tx, target, { actor, request });
  if (shown === null) return null;
  await done(tx, actor, target, request, { event: record.event ?? rule.event, notice: rule.notice, detail: record.detail });
  return shown as Shown<O>;
}
