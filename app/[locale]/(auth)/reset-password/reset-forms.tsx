'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { NewPasswordFields, type NewPasswordText } from '@/components/recovery/new-password-fields';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
import { firstError, noResult } from '@/lib/actions/form-result';
import { answerQuestionAction, completeResetAction } from './actions';

export function SecurityAnswerForm({
  locale,
  token,
  question,
  text,
}: {
  locale: string;
  token: string;
  question: string;
  text: { answerLabel: string; answerHint: string; answerSubmit: string };
}) {
  const [state, action, pending] = useActionState(answerQuestionAction, noResult);
  const error = firstError(state, 'answer');
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <p className="question">
        <strong>{question}</strong>
      </p>
      <SecurityAnswerInput label={text.answerLabel} hint={text.answerHint} autoFocus invalid={!!error} errorsId="form-error" />
      <FormError id="form-error" message={error} />
      <button type="submit" disabled={pending}>
        {text.answerSubmit}
      </button>
    </form>
  );
}

export function NewPasswordForm({
  locale,
  token,
  username,
  minLength,
  text,
}: {
  locale: string;
  token: string;
  username: string;
  minLength: number;
  text: { fields: NewPasswordText; submit: string; submitting: string };
}) {
  const [state, action, pending] = useActionState(completeResetAction, noResult);
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields text={text.fields} username={username} minLength={minLength} errors={state.ok ? {} : state.fieldErrors} />
      <FormError id="form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
