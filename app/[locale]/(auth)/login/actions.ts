'use server';

import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { knownDevices } from '@/lib/auth/device-cookie';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { goToNextStage } from '@/lib/auth/session-cookie';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { timeOfDay } from '@/lib/i18n/time-of-day';
import { currentPasswordField, identifierField, phoneRegionField } from '@/lib/actions/form-fields';
import { choosePhoneRegion } from '@/lib/phone/chosen-region';

const identifierForm = z.object({ identifier: identifierField, phoneRegion: phoneRegionField });
const keep = ['identifier', 'phoneRegion'];

/**
 * Step 1 reveals nothing about the account: it only moves the person to the password step,
 * with the country their number is read in, so that both steps read the identifier alike.
 */
export const submitIdentifier = defineFormAction(
  { name: 'sign-in identifier', schema: identifierForm, access: 'public', errors: 'Login.errors', keep },
  async ({ input, locale }) => ({
    ok: true,
    data: { identifier: input.identifier, phoneRegion: await choosePhoneRegion(input.phoneRegion, locale) },
  }),
);

const passwordForm = identifierForm.extend({ password: currentPasswordField, callbackUrl: z.string() });

export const submitPassword = defineFormAction(
  { name: 'sign-in', schema: passwordForm, access: 'public', errors: 'Login.errors', keep },
  async ({ input, locale, request, t, fail }) => {
    const { identifier, password, callbackUrl } = input;
    const phoneRegion = await choosePhoneRegion(input.phoneRegion, locale);
    const result = await signInWithPassword({ identifier, phoneRegion, password, knownDevices: await knownDevices(), ...request });
    // A same-origin path inside the site that already carries its language.
    if (result.ok) return goToNextStage(result.outcome, locale, safeCallbackPath(callbackUrl, locale));
    if (result.reason === 'locked' || result.reason === 'throttled') {
      const time = await timeOfDay(locale, result.until);
      return fail({ formError: t(result.reason, { time }) });
    }
    return fail({ formError: t(result.reason) });
  },
);
