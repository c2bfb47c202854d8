'use server';

import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { signIn } from '@/auth';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { signInWithPassword, type SignInResult } from '@/lib/auth/sign-in';
import { toLocale } from '@/lib/i18n/locale';
import { requestInfo } from '@/lib/request-info';
import type { LoginState } from './state';

const identifierField = z.string().trim().min(1, 'identifierRequired').max(254, 'identifierTooLong');
const passwordForm = z.object({
  identifier: identifierField,
  // Long enough for any passphrase; the policy's 128-code-point limit is enforced in lib/.
  password: z.string().min(1, 'passwordRequired').max(4096, 'passwordRequired'),
  callbackUrl: z.string().optional(),
});

type LoginErrorKey = 'identifierRequired' | 'identifierTooLong' | 'passwordRequired';

/** Step 1 reveals nothing about the account: it only moves the person to the password step. */
export async function submitIdentifier(_state: LoginState, form: FormData): Promise<LoginState> {
  const locale = toLocale(form.get('locale'));
  const parsed = identifierField.safeParse(form.get('identifier') ?? '');
  if (!parsed.success) {
    const t = await getTranslations({ locale, namespace: 'Login.errors' });
    return { step: 'identifier', error: t(parsed.error.issues[0]?.message as LoginErrorKey) };
  }
  return { step: 'password', identifier: parsed.data };
}

export async function submitPassword(_state: LoginState | null, form: FormData): Promise<LoginState> {
  const locale = toLocale(form.get('locale'));
  const t = await getTranslations({ locale, namespace: 'Login.errors' });
  const parsed = passwordForm.safeParse({
    identifier: form.get('identifier') ?? '',
    password: form.get('password') ?? '',
    callbackUrl: form.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) {
    const identifier = String(form.get('identifier') ?? '');
    const key = parsed.error.issues[0]?.message as LoginErrorKey;
    return identifier ? { step: 'password', identifier, error: t(key) } : { step: 'identifier', error: t(key) };
  }
  const { identifier, password, callbackUrl } = parsed.data;

  let result: SignInResult;
  try {
    result = await signInWithPassword({ identifier, password, ...(await requestInfo()) });
    if (result.ok) await signIn('credentials', { grant: result.sessionToken, redirect: false });
  } catch (error) {
    console.error('sign-in failed:', error instanceof Error ? error.name : 'unknown error');
    return { step: 'password', identifier, error: t('unavailable') };
  }
  if (result.ok) redirect(safeCallbackPath(callbackUrl, locale));

  if (result.reason === 'locked' || result.reason === 'throttled') {
    const format = await getFormatter({ locale });
    const time = format.dateTime(result.until, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    return { step: 'password', identifier, error: t(result.reason, { time }) };
  }
  return { step: 'password', identifier, error: t(result.reason) };
}
