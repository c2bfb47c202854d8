'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { holdCodesForDisplay, forgetDisplayedCodes } from '@/lib/account/new-codes-cookie';
import { checkCurrentPassword } from '@/lib/account/current-password';
import { confirmAuthenticator, enableEmailCodes, regenerateRecoveryCodes, turnOffTwoStep } from '@/lib/account/two-step';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { currentPasswordField } from '@/lib/actions/form-fields';
import { MAX_PASSWORD_LENGTH } from '@/lib/passwords/password-policy';
import type { CurrentSession } from '@/lib/auth/current-session';
import { putSessionInCookie } from '@/lib/auth/session-cookie';
import { redirect } from '@/lib/i18n/navigation';
import { timeOfDay } from '@/lib/i18n/time-of-day';
import type { AppLocale } from '@/lib/i18n/routing';

const fromTwoStep = { recentlyConfirmed: { returnTo: '/account/two-step' } };

/**
 * Every change to 2-step verification takes the current password, whatever the session's age:
 * a borrowed browser must not put its own second factor on the account (turning it on is a
 * change too: an authenticator the owner does not hold locks them out), nor learn new recovery
 * codes. Null when the change may go ahead, the words of the password field's error otherwise.
 */
async function passwordRefusal(session: CurrentSession, typed: string, locale: AppLocale, ip: string | null): Promise<string | null> {
  const t = await getTranslations({ locale, namespace: 'TwoStep.errors' });
  const password = currentPasswordField.safeParse(typed);
  if (!password.success) return typed ? t('passwordTooLong', { max: MAX_PASSWORD_LENGTH }) : t('passwordRequired');
  const check = await checkCurrentPassword(session, password.data, ip);
  if (check.ok) return null;
  if (check.reason === 'wrong') return t('passwordWrong');
  return t('passwordPaused', { time: await timeOfDay(locale, check.until) });
}

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

/** The first code from the app turns it on, or moves it to a new phone. */
export const confirmAuthenticatorAction = defineFormAction(
  {
    name: 'confirm authenticator',
    schema: z.object({ code: z.string().trim().min(1, 'codeRequired'), password: z.string() }),
    access: { recentlyConfirmed: { returnTo: '/account/two-step/setup' } },
    errors: 'TwoStep.errors',
  },
  async ({ input, session, locale, request, t, fail }) => {
    const refusal = await passwordRefusal(session, input.password, locale, request.ip);
    if (refusal) return fail({ fieldErrors: { password: [refusal] } });
    const enabled = await confirmAuthenticator(session.user, input.code, request);
    if (!enabled.ok) return fail({ fieldErrors: { code: [t('codeWrong')] } });
    return carryOn(session.user.id, locale, enabled);
  },
);

export const enableEmailCodesAction = defineFormAction(
  { name: 'enable emailed codes', schema: z.object({ password: z.string() }), access: fromTwoStep, errors: 'TwoStep.errors' },
  async ({ input, session, locale, request, fail }) => {
    const refusal = await passwordRefusal(session, input.password, locale, request.ip);
    if (refusal) return fail({ fieldErrors: { password: [refusal] } });
    return carryOn(session.user.id, locale, await enableEmailCodes(session.user, request));
  },
);

export const regenerateCodesAction = defineFormAction(
  { name: 'regenerate recovery codes', schema: z.object({ password: z.string() }), access: fromTwoStep, errors: 'TwoStep.errors' },
  async ({ input, session, locale, request, fail }) => {
    const refusal = await passwordRefusal(session, input.password, locale, request.ip);
    if (refusal) return fail({ fieldErrors: { password: [refusal] } });
    return carryOn(session.user.id, locale, await regenerateRecoveryCodes(session.user, request));
  },
);

/** "I have saved them": the codes leave this browser. */
export const codesSavedAction = defineSubmitAction(
  { name: 'recovery codes saved', schema: z.object({}), access: { signedIn: { returnTo: '/account/two-step' } }, errors: 'TwoStep.errors' },
  async ({ locale }) => {
    await forgetDisplayedCodes();
    return redirect({ href: '/account/two-step', locale });
  },
);

export const turnOffTwoStepAction = defineFormAction(
  { name: 'turn off 2-step', schema: z.object({ password: z.string() }), access: fromTwoStep, errors: 'TwoStep.errors' },
  async ({ input, session, locale, request, fail }) => {
    const refusal = await passwordRefusal(session, input.password, locale, request.ip);
    if (refusal) return fail({ fieldErrors: { password: [refusal] } });
    await putSessionInCookie({ userId: session.user.id, sessionToken: await turnOffTwoStep(session.user, request) });
    return redirect({ href: { pathname: '/account/two-step', query: { done: 'disabled' } }, locale });
  },
);
