'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { FormState } from '@/components/recovery/form-state';
import { formInput } from '@/lib/actions/form-input';
import { toLocale } from '@/lib/i18n/locale';
import { completeActivation } from '@/lib/recovery/activate';
import { requestFreshActivation } from '@/lib/recovery/request-email';
import { requestInfo } from '@/lib/request-info';
import { field, newPasswordErrors } from '../form-fields';
import { requestEmail } from '../request-email';

export async function resendActivationAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  return requestEmail('activation', '/activate?sent=1', form);
}

/** "Send me a new link" on an expired link's page: the old link names the account. */
export async function resendExpiredActivationAction(posted: FormData): Promise<void> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  await requestFreshActivation({ token: field(form, 'token'), locale, ip: (await requestInfo()).ip });
  redirect(`/${locale}/activate?sent=1`);
}

export async function activateAction(_state: FormState, posted: FormData): Promise<FormState> {
  const form = formInput(posted);
  const locale = toLocale(form.get('locale'));
  const token = field(form, 'token');
  const values = { question: field(form, 'question'), answer: field(form, 'answer') };
  const result = await completeActivation({
    token,
    password: field(form, 'password'),
    confirmation: field(form, 'confirmation'),
    ...values,
    ip: (await requestInfo()).ip,
  });
  if (result.ok) redirect(`/${locale}/login?activated=1`);
  if (result.problem !== 'form') redirect(`/${locale}/activate?token=${encodeURIComponent(token)}`);
  const t = await getTranslations({ locale, namespace: 'Activate' });
  const { problems } = result;
  return {
    values,
    answerId: randomUUID(),
    fieldErrors: {
      ...(problems.password && (await newPasswordErrors(locale, problems.password))),
      question: problems.question && [t('questionRequired')],
      answer: problems.answer && [t(problems.answer)],
    },
  };
}
