'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
import { firstError, noResult } from '@/lib/actions/form-result';
import { answerQuestionAction } from './actions';

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
