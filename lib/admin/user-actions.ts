import 'server-only';
import { checkNewPassword, type NewPasswordProblem } from '@/lib/passwords/password-change';
import { temporaryPasswordExpiry } from '@/lib/passwords/password-policy';
import { hashPassword } from '@/lib/passwords/passwords';
import { db } from '@/lib/db/client';
import { findUserInScope, type AdminUser } from '@/lib/admin/users-in-scope';
import type { Actor } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';
import { done, replaceCredentials, type AdminRequest } from './account-changes';
import { applyOperation, userOperations, type Shown, type UserOperation } from './user-operations';

// What admins and managers do to an account. Each function finds its target through the
// actor's reach (an account out of reach is "not found", like one that does not exist), acts
// in one transaction with its audit event, and tells the account's owner in their language.

type Problem = { ok: false; problem: 'notFound' | 'notApplicable' };
export type AdminResult = { ok: true } | Problem;

/** The account, if `actor` may do `action` to it: found through the reach rule that can() tests, as SQL. */
export async function inReach(actor: Actor, action: AdminAction, targetId: string): Promise<AdminUser | null> {
  return (await findUserInScope(actor, action, targetId)) ?? null;
}

/** One of the account page's operations (lib/admin/user-operations.ts), with what it shows the admin. */
export async function runUserOperation<O extends UserOperation>(
  actor: Actor,
  operation: O,
  targetId: string,
  request: AdminRequest,
): Promise<({ ok: true } & Shown<O>) | Problem> {
  const { permission, applies } = userOperations[operation];
  const target = await inReach(actor, permission, targetId);
  if (!target) return { ok: false, problem: 'notFound' };
  if (!applies(target)) return { ok: false, problem: 'notApplicable' };
  const shown = await db().transaction((tx) => applyOperation(tx, operation, actor, target, request));
  return shown ? { ok: true, ...shown } : { ok: false, problem: 'notApplicable' };
}

/**
 * Unlocks every locked account of `ids` the actor reaches (the list's selection), each
 * recorded as part of one bulk unlock; returns how many were unlocked.
 */
export async function unlockUsers(actor: Actor, ids: string[], request: AdminRequest): Promise<number> {
  const { bulkPermission, applies } = userOperations.unlock;
  let count = 0;
  for (const id of new Set(ids)) {
    const target = await inReach(actor, bulkPermission, id);
    if (!target || !applies(target)) continue;
    if (await db().transaction((tx) => applyOperation(tx, 'unlock', actor, target, request, { event: 'admin.bulk_unlocked' }))) count += 1;
  }
  return count;
}

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
  request: AdminRequest,
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
