'use server';

import { z } from 'zod';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { challengeFromCookie, clearChallengeCookie } from '@/lib/auth/challenge-cookie';
import { knownDevices } from '@/lib/auth/device-cookie';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { goToNextStage } from '@/lib/auth/session-cookie';
import { finishSecondFactor } from '@/lib/auth/second-factor-check';
import { sendSecondFactorEmail } from '@/lib/auth/second-factor-email';
import { redirect } from '@/lib/i18n/navigation';
import { timeOfDay } from '@/lib/i18n/time-of-day';

const methods = z.enum(['totp', 'email', 'recovery']);
const verifyForm = z.object({
  method: z.string(),
  code: z.string().trim().min(1, 'codeRequired').max(64, 'codeInvalid'),
  callbackUrl: z.string(),
});

/** The second step of a sign-in: a code from the app, from an email, or a recovery code. */
export const verifySecondFactorAction = defineFormAction(
  { name: 'sign-in second step', schema: verifyForm, access: 'public', errors: 'Verify.errors' },
  async ({ input, locale, request, t, fail }) => {
    const method = methods.safeParse(input.method);
    if (!method.success) return fail({ fieldErrors: { code: [t('codeInvalid')] } });
    const result = await finishSecondFactor(await challengeFromCookie(), { method: method.data, code: input.code }, {
      ...request,
      knownDevices: await knownDevices(),
    });
    if (result.ok) return goToNextStage(result.outcome, locale, safeCallbackPath(input.callbackUrl, locale));
    if (result.reason === 'wrong') return fail({ fieldErrors: { code: [t(`wrong.${method.data}`, { left: result.attemptsLeft })] } });
    if (result.reason === 'paused') return fail({ fieldErrors: { code: [t('paused', { time: await timeOfDay(locale, result.until) })] } });
    await clearChallengeCookie();
    return redirect({ href: { pathname: '/login', query: { verifyEnded: '1' } }, locale });
  },
);

export const sendEmailCodeAction = defineSubmitAction(
  { name: 'sign-in emailed code', schema: z.object({ callbackUrl: z.string() }), access: 'public', errors: 'Verify.errors' },
  async ({ input, locale, request }) => {
    const sent = await sendSecondFactorEmail(await challengeFromCookie(), locale, request);
    if (sent === 'ended') {
      await clearChallengeCookie();
      return redirect({ href: { pathname: '/login', query: { verifyEnded: '1' } }, locale });
    }
    const callbackUrl = safeCallbackPath(input.callbackUrl, locale);
    return redirect({ href: { pathname: '/login/verify', query: { callbackUrl, email: sent } }, locale });
  },
);
