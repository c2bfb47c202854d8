'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/components/recovery/form-state';
import { formInput } from '@/lib/actions/form-input';
import { toLocale } from '@/lib/i18n/locale';
import { proveCode } from '../prove-code';
import { requestEmail } from '../request-email';
import { field } from '../form-fields';
import { completeMagicSignIn } from './complete-sign-in';

export async function requestMagicLinkAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  return requestEmail('magic_link', '/magic-link/code?sent=1', form);
}

export async function magicCodeAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const proven = await proveCode('magic_link', form);
  if (!proven.ok) return proven.state;
  if (!(await completeMagicSignIn(proven.token))) redirect(`/${locale}/magic-link/confirm?token=${proven.token}`);
  redirect(`/${locale}/account`);
}

/** The confirmation page's button: the only thing that spends a sign-in link. */
export async function confirmMagicLinkAction(posted: FormData): Promise<void> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const token = field(form, 'token');
  if (!(await completeMagicSignIn(token))) redirect(`/${locale}/magic-link/confirm?token=${encodeURIComponent(token)}`);
  redirect(`/${locale}/account`);
}
