'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import type { FormState } from '@/components/recovery/form-state';
import { NewPasswordFields, type NewPasswordText } from '@/components/recovery/new-password-fields';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
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
  const [state, action, pending] = useActionState(answerQuestionAction, {} satisfies FormState);
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <p className="question">
        <strong>{question}</strong>
      </p>
      <SecurityAnswerInput label={text.answerLabel} hint={text.answerHint} autoFocus invalid={!!state.error} errorsId="form-error" />
      <FormError id="form-error" message={state.error} />
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
  const [state, action, pending] = useActionState(completeResetAction, {} satisfies FormState);
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields text={text.fields} username={username} minLength={minLength} errors={state.fieldErrors} />
      <button type="submit" disabled={pending}>
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
