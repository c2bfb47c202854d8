'use server';

import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formInput } from '@/lib/actions/form-input';
import { knownDevices } from '@/lib/auth/device-cookie';
import { MAX_PASSWORD_LENGTH } from '@/lib/auth/password-policy';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { putSessionInCookie } from '@/lib/auth/session-cookie';
import { signInWithPassword, type SignInResult } from '@/lib/auth/sign-in';
import { toLocale } from '@/lib/i18n/locale';
import type { AppLocale } from '@/lib/i18n/routing';
import { requestInfo } from '@/lib/request-info';
import { currentPasswordField, field, identifierField, type CurrentPasswordError, type IdentifierError } from '../form-fields';
import type { LoginState } from './state';

const passwordForm = z.object({
  identifier: identifierField,
  password: currentPasswordField,
  callbackUrl: z.string(),
});

type LoginErrorKey = IdentifierError | CurrentPasswordError;

/** Step 1 reveals nothing about the account: it only moves the person to the password step. */
export async function submitIdentifier(_state: LoginState, posted: FormData): Promise<LoginState> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const typed = field(form, 'identifier');
  const parsed = identifierField.safeParse(typed);
  if (!parsed.success) {
    const t = await getTranslations({ locale, namespace: 'Login.errors' });
    return { step: 'identifier', identifier: typed, error: t(parsed.error.issues[0]?.message as LoginErrorKey) };
  }
  return passwordStep(locale, parsed.data);
}

/** The password step for an identifier, optionally with an error. */
async function passwordStep(locale: AppLocale, identifier: string, error?: string): Promise<LoginState> {
  const t = await getTranslations({ locale, namespace: 'Login' });
  return { step: 'password', identifier, signingInAs: t('signingInAs', { identifier }), error };
}

export async function submitPassword(_state: LoginState | null, posted: FormData): Promise<LoginState> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const t = await getTranslations({ locale, namespace: 'Login.errors' });
  const parsed = passwordForm.safeParse({
    identifier: field(form, 'identifier'),
    password: field(form, 'password'),
    callbackUrl: field(form, 'callbackUrl'),
  });
  if (!parsed.success) {
    const typed = field(form, 'identifier');
    const identifier = identifierField.safeParse(typed).data;
    const error = t(parsed.error.issues[0]?.message as LoginErrorKey, { max: MAX_PASSWORD_LENGTH });
    return identifier ? passwordStep(locale, identifier, error) : { step: 'identifier', identifier: typed, error };
  }
  const { identifier, password, callbackUrl } = parsed.data;

  let result: SignInResult;
  try {
    result = await signInWithPassword({ identifier, password, knownDevices: await knownDevices(), ...(await requestInfo()) });
    if (result.ok) await putSessionInCookie(result);
  } catch (error) {
    console.error('sign-in failed:', error instanceof Error ? error.name : 'unknown error');
    return passwordStep(locale, identifier, t('unavailable'));
  }
  if (result.ok) redirect(safeCallbackPath(callbackUrl, locale));

  if (result.reason === 'locked' || result.reason === 'throttled') {
    const format = await getFormatter({ locale });
    const time = format.dateTime(result.until, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    return passwordStep(locale, identifier, t(result.reason, { time }));
  }
  return passwordStep(locale, identifier, t(result.reason));
}
