'use server';

import { z } from 'zod';
import { holdCodesForDisplay, forgetDisplayedCodes } from '@/lib/account/new-codes-cookie';
import { checkCurrentPassword } from '@/lib/account/current-password';
import { confirmAuthenticator, enableEmailCodes, regenerateRecoveryCodes, turnOffTwoStep } from '@/lib/account/two-step';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { currentPasswordField } from '@/lib/actions/form-fields';
import { putSessionInCookie } from '@/lib/auth/session-cookie';
import { redirect } from '@/lib/i18n/navigation';
import { timeOfDay } from '@/lib/i18n/time-of-day';
import type { AppLocale } from '@/lib/i18n/routing';

const fromTwoStep = { recentlyConfirmed: { returnTo: '/account/two-step' } };

/**
 * After a change: this browser carries on with its new session id, and new recovery codes (the
 * first method turned on, or a regeneration) are shown once on their own page.
 */
async function carryOn(userId: string, locale: AppLocale, change: { sessionToken: string; recoveryCodes: string[] | null }): Promise<never> {
  await putSessionInCookie({ userId, sessionToken: change.sessionToken });
  if (!change.recoveryCodes) return redirect({ href: { pathname: '/account/two-step', query: { done: 'enabled' } }, locale });
  await holdCodesForDisplay(userId, change.recoveryCodes);
  return redirect({ href: '/account/two-step/recovery-codes', locale });
}

/** The first code from the app turns it on. */
export const confirmAuthenticatorAction = defineFormAction(
  {
    name: 'confirm authenticator',
    schema: z.object({ code: z.string().trim().min(1, 'codeRequired') }),
    access: { recentlyConfirmed: { returnTo: '/account/two-step/setup' } },
    errors: 'TwoStep.errors',
  },
  async ({ input, session, locale, request, t, fail }) => {
    const enabled = await confirmAuthenticator(session.user, input.code, request);
    if (!enabled.ok) return fail({ fieldErrors: { code: [t('codeWrong')] } });
    return carryOn(session.user.id, locale, enabled);
  },
);

export const enableEmailCodesAction = defineSubmitAction(
  { name: 'enable emailed codes', schema: z.object({}), access: fromTwoStep, errors: 'TwoStep.errors' },
  async ({ session, locale, request }) => carryOn(session.user.id, locale, await enableEmailCodes(session.user, request)),
);

export const regenerateCodesAction = defineSubmitAction(
  { name: 'regenerate recovery codes', schema: z.object({}), access: fromTwoStep, errors: 'TwoStep.errors' },
  async ({ session, locale, request }) => carryOn(session.user.id, locale, await regenerateRecoveryCodes(session.user, request)),
);

/** "I have saved them": the codes leave this browser. */
export const codesSavedAction = defineSubmitAction(
  { name: 'recovery codes saved', schema: z.object({}), access: { signedIn: { returnTo: '/account/two-step' } }, errors: 'TwoStep.errors' },
  async ({ locale }) => {
    await forgetDisplayedCodes();
    return redirect({ href: '/account/two-step', locale });
  },
);

/** Turning it off needs the current password, whatever the session's age. */
export const turnOffTwoStepAction = defineFormAction(
  { name: 'turn off 2-step', schema: z.object({ password: currentPasswordField }), access: fromTwoStep, errors: 'TwoStep.errors' },
  async ({ input, session, locale, request, t, fail }) => {
    const check = await checkCurrentPassword(session, input.password, request.ip);
    if (!check.ok) {
      if (check.reason === 'wrong') return fail({ fieldErrors: { password: [t('passwordWrong')] } });
      const time = await timeOfDay(locale, check.until);
      return fail({ fieldErrors: { password: [t('passwordPaused', { time })] } });
    }
    await putSessionInCookie({ userId: session.user.id, sessionToken: await turnOffTwoStep(session.user, request) });
    return redirect({ href: { pathname: '/account/two-step', query: { done: 'disabled' } }, locale });
  },
);
