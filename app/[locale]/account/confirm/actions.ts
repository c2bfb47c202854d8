'use server';

import { redirect as redirectToPath } from 'next/navigation';
import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { currentPasswordField } from '@/lib/actions/form-fields';
import { confirmSession } from '@/lib/account/current-password';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { timeOfDay } from '@/lib/i18n/time-of-day';

/** "Confirm it's you": the password opens sensitive changes, then back to where the person was. */
export const confirmSessionAction = defineFormAction(
  {
    name: 'confirm password',
    schema: z.object({ password: currentPasswordField, next: z.string() }),
    access: { signedIn: { returnTo: '/account' } },
    errors: 'Confirm.errors',
  },
  async ({ input, session, locale, request, t, fail }) => {
    const check = await confirmSession(session, input.password, request.ip);
    if (check.ok) return redirectToPath(safeCallbackPath(input.next, locale));
    if (check.reason === 'wrong') return fail({ fieldErrors: { password: [t('wrong')] } });
    const time = await timeOfDay(locale, check.until);
    return fail({ fieldErrors: { password: [t('paused', { time })] } });
  },
);
