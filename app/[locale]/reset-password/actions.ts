'use server';

import { z } from 'zod';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';
import { answerResetQuestion, completeReset } from '@/lib/recovery/reset-password';
import { newPasswordErrors } from '@/lib/actions/form-fields';

/** The link's own page, which says why it no longer works (wrong answers, used meanwhile…). */
const backToLink = (token: string, locale: 'en' | 'fr') => redirect({ href: { pathname: '/reset-password', query: { token } }, locale });

export const answerQuestionAction = defineFormAction(
  {
    name: 'security answer',
    schema: z.object({ token: z.string(), answer: z.string().trim().min(1, 'answerRequired') }),
    access: 'public',
    errors: 'ResetPassword',
  },
  async ({ input, locale, request, t, fail }) => {
    const result = await answerResetQuestion({ ...input, ip: request.ip });
    if (!result.ok && result.problem === 'wrongAnswer') {
      return fail({ fieldErrors: { answer: [t('wrongAnswer', { count: result.attemptsLeft })] } });
    }
    return backToLink(input.token, locale);
  },
);

export const completeResetAction = defineFormAction(
  {
    name: 'reset',
    schema: z.object({ token: z.string(), password: z.string(), confirmation: z.string() }),
    access: 'public',
    errors: 'Recovery.errors',
  },
  async ({ input, locale, request, fail }) => {
    const result = await completeReset({ ...input, ip: request.ip });
    if (result.ok) return redirect({ href: { pathname: '/login', query: { reset: '1' } }, locale });
    if (result.problem === 'password') return fail({ fieldErrors: await newPasswordErrors(locale, result.passwordProblems) });
    return backToLink(input.token, locale);
  },
);
