'use server';

import { z } from 'zod';
import { changeSecurityQuestion } from '@/lib/account/security-question';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { currentPasswordField } from '@/lib/actions/form-fields';
import { redirect } from '@/lib/i18n/navigation';
import { timeOfDay } from '@/lib/i18n/time-of-day';

export const changeQuestionAction = defineFormAction(
  {
    name: 'change security question',
    schema: z.object({ question: z.string(), answer: z.string(), password: currentPasswordField }),
    access: { recentlyConfirmed: { returnTo: '/account/security-question?edit=1' } },
    errors: 'SecurityQuestion.errors',
    keep: ['question', 'answer'],
  },
  async ({ input, session, locale, request, t, fail }) => {
    const result = await changeSecurityQuestion(session, input, request.ip);
    if (result.ok) return redirect({ href: { pathname: '/account/security-question', query: { done: '1' } }, locale });
    const { problems } = result;
    const password =
      problems.password === 'paused' && result.until
        ? [t('passwordPaused', { time: await timeOfDay(locale, result.until) })]
        : problems.password && [t('passwordWrong')];
    return fail({
      fieldErrors: {
        question: problems.question && [t('questionRequired')],
        answer: problems.answer && [t(problems.answer)],
        password,
      },
    });
  },
);
