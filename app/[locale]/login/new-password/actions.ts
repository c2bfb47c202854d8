'use server';

import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { newPasswordErrors } from '@/lib/actions/form-fields';
import { challengeFromCookie, clearChallengeCookie } from '@/lib/auth/challenge-cookie';
import { knownDevices } from '@/lib/auth/device-cookie';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { goToNextStage } from '@/lib/auth/session-cookie';
import { finishPasswordChange } from '@/lib/auth/temporary-password-stage';
import { redirect } from '@/lib/i18n/navigation';

/** The temporary password gives way to the person's own; then the session starts. */
export const chooseOwnPasswordAction = defineFormAction(
  {
    name: 'replace temporary password',
    schema: z.object({ password: z.string(), confirmation: z.string(), callbackUrl: z.string() }),
    access: 'public',
    errors: 'Recovery.errors',
  },
  async ({ input, locale, request, fail }) => {
    const result = await finishPasswordChange(await challengeFromCookie(), input, { ...request, knownDevices: await knownDevices() });
    if (result.ok) return goToNextStage(result.outcome, locale, safeCallbackPath(input.callbackUrl, locale));
    if (result.reason === 'password') return fail({ fieldErrors: await newPasswordErrors(locale, result.problems) });
    await clearChallengeCookie();
    return redirect({ href: { pathname: '/login', query: { verifyEnded: '1' } }, locale });
  },
);
