'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { PasswordInput, type PasswordToggleText } from '@/components/password-input';
import { FieldErrors } from '@/components/recovery/field-errors';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
import { SecurityQuestionSelect } from '@/components/recovery/security-question-select';
import { noResult } from '@/lib/actions/form-result';
import { changeQuestionAction } from './actions';

export interface QuestionFormText {
  questionLabel: string;
  questionPlaceholder: string;
  answerLabel: string;
  answerHint: string;
  passwordLabel: string;
  passwordToggle: PasswordToggleText;
  submit: string;
  pending: string;
}

export function QuestionForm({ locale, questions, text }: { locale: string; questions: Array<{ key: string; label: string }>; text: QuestionFormText }) {
  const [state, action, pending] = useActionState(changeQuestionAction, noResult);
  const errors = (!state.ok && state.fieldErrors) || {};
  const values = state.ok ? undefined : state.values;
  return (
    <form key={state.ok ? undefined : state.attempt} action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <SecurityQuestionSelect
        label={text.questionLabel}
        placeholder={text.questionPlaceholder}
        questions={questions}
        defaultValue={values?.question ?? ''}
        errors={errors.question}
      />
      <SecurityAnswerInput label={text.answerLabel} hint={text.answerHint} defaultValue={values?.answer} invalid={!!errors.answer} errorsId="answer-errors" />
      <FieldErrors id="answer-errors" errors={errors.answer} />
      <label htmlFor="password">{text.passwordLabel}</label>
      <PasswordInput
        id="password"
        name="password"
        autoComplete="current-password"
        required
        aria-invalid={errors.password ? true : undefined}
        aria-describedby="password-errors"
        toggle={text.passwordToggle}
      />
      <FieldErrors id="password-errors" errors={errors.password} />
      <FormError id="form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.pending : text.submit}
      </button>
    </form>
  );
}
