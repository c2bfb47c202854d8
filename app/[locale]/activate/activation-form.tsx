'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { FieldErrors } from '@/components/recovery/field-errors';
import { NewPasswordFields, type NewPasswordText } from '@/components/recovery/new-password-fields';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
import { SecurityQuestionSelect } from '@/components/recovery/security-question-select';
import { noResult } from '@/lib/actions/form-result';
import { activateAction } from './actions';

export interface ActivationText {
  fields: NewPasswordText;
  questionLabel: string;
  questionPlaceholder: string;
  answerLabel: string;
  answerHint: string;
  submit: string;
  submitting: string;
}

export function ActivationForm({
  locale,
  token,
  username,
  minLength,
  questions,
  text,
}: {
  locale: string;
  token: string;
  username: string;
  minLength: number;
  questions: Array<{ key: string; label: string }>;
  text: ActivationText;
}) {
  const [state, action, pending] = useActionState(activateAction, noResult);
  const errors = (!state.ok && state.fieldErrors) || {};
  const values = state.ok ? undefined : state.values;
  return (
    <form key={state.ok ? undefined : state.attempt} action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields text={text.fields} username={username} minLength={minLength} errors={errors} />
      <SecurityQuestionSelect
        label={text.questionLabel}
        placeholder={text.questionPlaceholder}
        questions={questions}
        defaultValue={values?.question ?? ''}
        errors={errors.question}
      />
      <SecurityAnswerInput
        label={text.answerLabel}
        hint={text.answerHint}
        defaultValue={values?.answer}
        invalid={!!errors.answer}
        errorsId="answer-errors"
      />
      <FieldErrors id="answer-errors" errors={errors.answer} />
      <FormError id="form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
