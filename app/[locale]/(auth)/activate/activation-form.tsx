'use client';

import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { FieldErrors } from '@/components/recovery/field-errors';
import type { FormState } from '@/components/recovery/form-state';
import { NewPasswordFields } from '@/components/recovery/new-password-fields';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
import { activateAction } from './actions';

export function ActivationForm({
  token,
  minLength,
  questions,
}: {
  token: string;
  minLength: number;
  questions: Array<{ key: string; label: string }>;
}) {
  const locale = useLocale();
  const t = useTranslations('Activate');
  const [state, action, pending] = useActionState(activateAction, {} satisfies FormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form key={state.answerId} action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields minLength={minLength} errors={errors.password} />
      <label htmlFor="question">{t('questionLabel')}</label>
      <select
        id="question"
        name="question"
        required
        defaultValue={state.values?.question ?? ''}
        aria-invalid={errors.question ? true : undefined}
        aria-describedby="question-errors"
      >
        <option value="" disabled>
          {t('questionPlaceholder')}
        </option>
        {questions.map((question) => (
          <option key={question.key} value={question.key}>
            {question.label}
          </option>
        ))}
      </select>
      <FieldErrors id="question-errors" errors={errors.question} />
      <SecurityAnswerInput
        label={t('answerLabel')}
        hint={t('answerHint')}
        defaultValue={state.values?.answer}
        invalid={!!errors.answer}
        errorsId="answer-errors"
      />
      <FieldErrors id="answer-errors" errors={errors.answer} />
      <button type="submit" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
