'use server';

import { z } from 'zod';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';
import { completeActivation } from '@/lib/recovery/activate';
import { requestFreshActivation } from '@/lib/recovery/request-email';
import { emailRequestAction } from '../email-request-action';
import { linkTokenField, newPasswordErrors } from '@/lib/actions/form-fields';

export const resendActivationAction = emailRequestAction('activation', { pathname: '/activate', query: { sent: '1' } });

/**
 * "Send me a new link" on an expired link's page: the old link names the account. Any token of
 * a link's shape is queued alike, whether it names an account or not; anything else is no link.
 */
export const resendExpiredActivationAction = defineSubmitAction(
  { name: 'fresh activation', schema: z.object({ token: linkTokenField }), access: 'public', errors: 'Activate' },
  async ({ input, locale, request }) => {
    await requestFreshActivation({ token: input.token, locale, ip: request.ip });
    return redirect({ href: { pathname: '/activate', query: { sent: '1' } }, locale });
  },
);

const activationForm = z.object({
  token: z.string(),
  password: z.string(),
  confirmation: z.string(),
  question: z.string(),
  answer: z.string(),
});

export const activateAction = defineFormAction(
  { name: 'activation', schema: activationForm, access: 'public', errors: 'Activate', keep: ['question', 'answer'] },
  async ({ input, locale, request, t, fail }) => {
    const result = await completeActivation({ ...input, ip: request.ip });
    if (result.ok) return redirect({ href: { pathname: '/login', query: { activated: '1' } }, locale });
    if (result.problem !== 'form') return redirect({ href: { pathname: '/activate', query: { token: input.token } }, locale });
    const { problems } = result;
    return fail({
      fieldErrors: {
        ...(problems.password && (await newPasswordErrors(locale, problems.password))),
        question: problems.question && [t('questionRequired')],
        answer: problems.answer && [t(problems.answer)],
      },
    });
  },
);
