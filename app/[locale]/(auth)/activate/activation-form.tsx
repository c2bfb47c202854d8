'use client';

import { useActionState } from 'react';
import { FieldErrors } from '@/components/recovery/field-errors';
import type { FormState } from '@/components/recovery/form-state';
import { NewPasswordFields, type NewPasswordText } from '@/components/recovery/new-password-fields';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
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
  const [state, action, pending] = useActionState(activateAction, {} satisfies FormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form key={state.answerId} action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields text={text.fields} username={username} minLength={minLength} errors={errors} />
      <label htmlFor="question">{text.questionLabel}</label>
      <select
        id="question"
        name="question"
        required
        defaultValue={state.values?.question ?? ''}
        aria-invalid={errors.question ? true : undefined}
        aria-describedby="question-errors"
      >
        <option value="" disabled>
          {text.questionPlaceholder}
        </option>
        {questions.map((question) => (
          <option key={question.key} value={question.key}>
            {question.label}
          </option>
        ))}
      </select>
      <FieldErrors id="question-errors" errors={errors.question} />
      <SecurityAnswerInput
        label={text.answerLabel}
        hint={text.answerHint}
        defaultValue={state.values?.answer}
        invalid={!!errors.answer}
        errorsId="answer-errors"
      />
      <FieldErrors id="answer-errors" errors={errors.answer} />
      <button type="submit" disabled={pending}>
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
