'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { forgetDisplayedSecret, holdSecretForDisplay } from '@/lib/admin/secret-on-display';
import { runUserOperation, setUserPassword } from '@/lib/admin/user-actions';
import { userOperations, type UserOperation } from '@/lib/admin/user-operations';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { newPasswordErrors } from '@/lib/actions/form-fields';
import { redirect } from '@/lib/i18n/navigation';

/**
 * One confirmed operation on one account: the role's right to the operation is checked by the
 * pipeline, the account's reach by the operation itself; out of reach is "not found". What an
 * operation shows the admin (an access code) waits, once, in a sealed cookie of their browser
 * for the page they land on.
 */
function userOperation(operation: UserOperation) {
  return defineSubmitAction(
    {
      name: `admin ${operation}`,
      schema: z.object({ userId: z.string().max(64) }),
      access: { permission: { action: userOperations[operation].permission, returnTo: '/admin/users' } },
      errors: 'Admin.errors',
    },
    async ({ input, session, locale, request }) => {
      const actor = session.user;
      const result = await runUserOperation(actor, operation, input.userId, request);
      if (!result.ok && result.problem === 'notFound') notFound();
      if (result.ok && 'code' in result) {
        await holdSecretForDisplay({ actorId: actor.id, targetId: input.userId, kind: 'accessCode', secret: result.code, expiresAt: result.expiresAt.toISOString() });
      }
      const query = result.ok ? { done: operation } : { problem: operation };
      return redirect({ href: { pathname: `/admin/users/${input.userId}`, query }, locale });
    },
  );
}

export const unlockAction = userOperation('unlock');
export const sendResetLinkAction = userOperation('sendResetLink');
export const randomPasswordAction = userOperation('randomPassword');
export const accessCodeAction = userOperation('accessCode');
export const signOutEverywhereAction = userOperation('signOutEverywhere');
export const resetTwoStepAction = userOperation('resetTwoStep');
export const resendActivationAction = userOperation('resendActivation');
export const deactivateAction = userOperation('deactivate');
export const reactivateAction = userOperation('reactivate');

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
