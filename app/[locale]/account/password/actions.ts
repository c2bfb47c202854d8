'use server';

import { z } from 'zod';
import { changeOwnPassword } from '@/lib/account/change-password';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { currentPasswordField, newPasswordErrors } from '@/lib/actions/form-fields';
import { putSessionInCookie } from '@/lib/auth/session-cookie';
import { redirect } from '@/lib/i18n/navigation';
import { timeOfDay } from '@/lib/i18n/time-of-day';

export const changePasswordAction = defineFormAction(
  {
    name: 'change password',
    schema: z.object({ current: currentPasswordField, password: z.string(), confirmation: z.string() }),
    access: { signedIn: { returnTo: '/account/password' } },
    errors: 'ChangePassword.errors',
  },
  async ({ input, session, locale, request, t, fail }) => {
    const result = await changeOwnPassword(session, input, request);
    if (result.ok) {
      await putSessionInCookie({ userId: session.user.id, sessionToken: result.sessionToken });
      return redirect({ href: { pathname: '/account', query: { changed: 'password' } }, locale });
    }
    if (result.problem === 'password') return fail({ fieldErrors: await newPasswordErrors(locale, result.passwordProblems) });
    if (!result.until) return fail({ fieldErrors: { current: [t('passwordWrong')] } });
    const time = await timeOfDay(locale, result.until);
    return fail({ fieldErrors: { current: [t('passwordPaused', { time })] } });
  },
);
