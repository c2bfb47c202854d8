'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { FormState } from '@/components/recovery/form-state';
import { formInput } from '@/lib/actions/form-input';
import { toLocale } from '@/lib/i18n/locale';
import { answerResetQuestion, completeReset } from '@/lib/recovery/reset-password';
import { requestInfo } from '@/lib/request-info';
import { field, newPasswordErrors } from '../form-fields';

export async function answerQuestionAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const token = field(form, 'token');
  const answer = field(form, 'answer');
  const t = await getTranslations({ locale, namespace: 'ResetPassword' });
  if (answer.trim() === '') return { error: t('answerRequired') };
  const result = await answerResetQuestion({ token, answer, ip: (await requestInfo()).ip });
  if (result.ok) redirect(`/${locale}/reset-password?token=${encodeURIComponent(token)}`);
  if (result.problem === 'wrongAnswer') return { error: t('wrongAnswer', { count: result.attemptsLeft }) };
  // The link's own page says why it no longer works (three wrong answers, used meanwhile…).
  redirect(`/${locale}/reset-password?token=${encodeURIComponent(token)}`);
}

export async function completeResetAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const token = field(form, 'token');
  const result = await completeReset({
    token,
    password: field(form, 'password'),
    confirmation: field(form, 'confirmation'),
    ip: (await requestInfo()).ip,
  });
  if (result.ok) redirect(`/${locale}/login?reset=1`);
  if (result.problem === 'password') {
    return { fieldErrors: await newPasswordErrors(locale, result.passwordProblems) };
  }
  // The link stopped working meanwhile (used in another tab, expired): its page says why.
  redirect(`/${locale}/reset-password?token=${encodeURIComponent(token)}`);
}
