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
import { readAuthenticationAnswer } from '@/lib/passkeys/ceremony-answer';
import { passkeySignInOptions, signInWithPasskey } from '@/lib/passkeys/passkey-sign-in';
import { redirect } from '@/lib/i18n/navigation';
import { companySignInFor } from '@/lib/auth/sso-domain-policy';

const identifierForm = z.object({ identifier: identifierField, phoneRegion: phoneRegionField, callbackUrl: z.string().optional() });
const keep = ['identifier', 'phoneRegion'];

/**
 * Step 1 reveals nothing about the account: it moves the person to the password step, with
 * the country their number is read in, so that both steps read the identifier alike — or, for
 * an address whose company signs its people in, to the page that sends them there.
 */
export const submitIdentifier = defineFormAction(
  { name: 'sign-in identifier', schema: identifierForm, access: 'public', errors: 'Login.errors', keep },
  async ({ input, locale }) => {
    if (await companySignInFor(input.identifier)) {
      const query = { identifier: input.identifier, callbackUrl: safeCallbackPath(input.callbackUrl, locale) };
      return redirect({ href: { pathname: '/login/sso', query }, locale });
    }
    return { ok: true, data: { identifier: input.identifier, phoneRegion: await choosePhoneRegion(input.phoneRegion, locale) } };
  },
);

const passwordForm = identifierForm.extend({ password: currentPasswordField });

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

/** A challenge for whichever passkey the browser offers; it names no account. */
export const passkeySignInOptionsAction = defineFormAction(
  { name: 'passkey sign-in options', schema: z.object({}), access: 'public', errors: 'Login.passkey' },
  async ({ t }) => ({ ok: true, data: { options: await passkeySignInOptions(), failed: t('failed') } }),
);

/** A passkey's answer: both factors at once, so the session starts (or a new password is due). */
export const signInWithPasskeyAction = defineFormAction(
  { name: 'passkey sign-in', schema: z.object({ answer: z.string().max(20_000), callbackUrl: z.string().optional() }), access: 'public', errors: 'Login.passkey' },
  async ({ input, locale, request, t, fail }) => {
    const answer = readAuthenticationAnswer(input.answer);
    const result = answer ? await signInWithPasskey(answer, { ...request, knownDevices: await knownDevices() }) : ({ ok: false, reason: 'failed' } as const);
    if (result.ok) return goToNextStage(result.outcome, locale, safeCallbackPath(input.callbackUrl, locale));
    return fail({ formError: t(result.reason) });
  },
);
