'use server';

import { redirect as redirectToPath } from 'next/navigation';
import { getFormatter } from 'next-intl/server';
import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { knownDevices } from '@/lib/auth/device-cookie';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { putSessionInCookie } from '@/lib/auth/session-cookie';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { currentPasswordField, identifierField } from '../form-fields';

const identifierForm = z.object({ identifier: identifierField });

/** Step 1 reveals nothing about the account: it only moves the person to the password step. */
export const submitIdentifier = defineFormAction(
  { name: 'sign-in identifier', schema: identifierForm, access: 'public', errors: 'Login.errors', keep: ['identifier'] },
  async ({ input }) => ({ ok: true, data: { identifier: input.identifier } }),
);

const passwordForm = identifierForm.extend({ password: currentPasswordField, callbackUrl: z.string() });

export const submitPassword = defineFormAction(
  { name: 'sign-in', schema: passwordForm, access: 'public', errors: 'Login.errors', keep: ['identifier'] },
  async ({ input, locale, request, t, fail }) => {
    const { identifier, password, callbackUrl } = input;
    const result = await signInWithPassword({ identifier, password, knownDevices: await knownDevices(), ...request });
    if (result.ok) {
      await putSessionInCookie(result);
      // A same-origin path inside the site that already carries its language.
      return redirectToPath(safeCallbackPath(callbackUrl, locale));
    }
    if (result.reason === 'locked' || result.reason === 'throttled') {
      const format = await getFormatter({ locale });
      const time = format.dateTime(result.until, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
      return fail({ formError: t(result.reason, { time }) });
    }
    return fail({ formError: t(result.reason) });
  },
);
