'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { forgetDisplayedSecret, holdSecretForDisplay } from '@/lib/admin/secret-on-display';
import {
  issueAccessCode,
  resendActivation,
  resetTwoStep,
  sendRandomPassword,
  sendResetLink,
  setDeactivated,
  setUserPassword,
  signOutEverywhere,
  unlockUser,
  type AdminResult,
} from '@/lib/admin/user-actions';
import type { UserOperation } from '@/lib/admin/user-operations';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { newPasswordErrors } from '@/lib/actions/form-fields';
import type { Actor } from '@/lib/permissions/can';
import type { AdminAction } from '@/lib/permissions/policy';
import { redirect } from '@/lib/i18n/navigation';

type Run = (actor: Actor, userId: string, request: { ip: string | null }) => Promise<AdminResult>;

/**
 * One confirmed operation on one account: the role's right to the operation is checked by the
 * pipeline, the account's reach by the operation itself; out of reach is "not found".
 */
function userOperation(operation: UserOperation, action: AdminAction, run: Run) {
  return defineSubmitAction(
    {
      name: `admin ${operation}`,
      schema: z.object({ userId: z.string().max(64) }),
      access: { permission: { action, returnTo: '/admin/users' } },
      errors: 'Admin.errors',
    },
    async ({ input, session, locale, request }) => {
      const result = await run(session.user, input.userId, request);
      if (!result.ok && result.problem === 'notFound') notFound();
      const query = result.ok ? { done: operation } : { problem: operation };
      return redirect({ href: { pathname: `/admin/users/${input.userId}`, query }, locale });
    },
  );
}

export const unlockAction = userOperation('unlock', 'user.unlock', unlockUser);
export const sendResetLinkAction = userOperation('sendResetLink', 'user.sendResetLink', sendResetLink);
export const randomPasswordAction = userOperation('randomPassword', 'user.randomPassword', sendRandomPassword);
export const signOutEverywhereAction = userOperation('signOutEverywhere', 'user.signOutEverywhere', signOutEverywhere);
export const resetTwoStepAction = userOperation('resetTwoStep', 'user.resetTwoStep', resetTwoStep);
export const resendActivationAction = userOperation('resendActivation', 'user.resendActivation', resendActivation);
export const deactivateAction = userOperation('deactivate', 'user.deactivate', (actor, id, request) => setDeactivated(actor, id, true, request));
export const reactivateAction = userOperation('reactivate', 'user.reactivate', (actor, id, request) => setDeactivated(actor, id, false, request));

/** A password set by hand: temporary unless the box is cleared. */
export const setPasswordAction = defineFormAction(
  {
    name: 'admin set password',
    schema: z.object({ userId: z.string().max(64), password: z.string(), confirmation: z.string(), temporary: z.string() }),
    access: { permission: { action: 'user.setPassword', returnTo: '/admin/users' } },
    errors: 'Admin.errors',
  },
  async ({ input, session, locale, request, fail }) => {
    const temporary = input.temporary === 'on';
    const result = await setUserPassword(session.user, input.userId, { ...input, temporary }, request);
    if (!result.ok && result.problem === 'notFound') notFound();
    if (!result.ok && result.problem === 'password') return fail({ fieldErrors: await newPasswordErrors(locale, result.problems) });
    const query = result.ok ? { done: temporary ? 'setPasswordTemporary' : 'setPassword' } : { problem: 'setPassword' };
    return redirect({ href: { pathname: `/admin/users/${input.userId}`, query }, locale });
  },
);

/** The code is shown once, on the page the admin lands on, from a sealed cookie of their browser. */
export const accessCodeAction = userOperation('accessCode', 'user.accessCode', async (actor, userId, request) => {
  const result = await issueAccessCode(actor, userId, request);
  if (!result.ok) return result;
  await holdSecretForDisplay({ actorId: actor.id, targetId: userId, kind: 'accessCode', secret: result.code, expiresAt: result.expiresAt.toISOString() });
  return { ok: true };
});

/** "Done": the code leaves the screen for good. */
export const forgetSecretAction = defineSubmitAction(
  {
    name: 'admin forget shown secret',
    schema: z.object({ userId: z.string().max(64) }),
    access: { permission: { action: 'user.view', returnTo: '/admin/users' } },
    errors: 'Admin.errors',
  },
  async ({ input, locale }) => {
    await forgetDisplayedSecret();
    return redirect({ href: `/admin/users/${input.userId}`, locale });
  },
);
