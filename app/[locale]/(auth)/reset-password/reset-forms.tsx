'use client';

import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { FormError } from '@/components/form-error';
import type { FormState } from '@/components/recovery/form-state';
import { NewPasswordFields } from '@/components/recovery/new-password-fields';
import { SecurityAnswerInput } from '@/components/recovery/security-answer-input';
import { answerQuestionAction, completeResetAction } from './actions';

export function SecurityAnswerForm({ token, question }: { token: string; question: string }) {
  const locale = useLocale();
  const t = useTranslations('ResetPassword');
  const [state, action, pending] = useActionState(answerQuestionAction, {} satisfies FormState);
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <p className="question">
        <strong>{question}</strong>
      </p>
      <SecurityAnswerInput
        label={t('answerLabel')}
        hint={t('answerHint')}
        autoFocus
        invalid={!!state.error}
        errorsId="form-error"
      />
      <FormError id="form-error" message={state.error} />
      <button type="submit" disabled={pending}>
        {t('answerSubmit')}
      </button>
    </form>
  );
}

export function NewPasswordForm({ token, minLength }: { token: string; minLength: number }) {
  const locale = useLocale();
  const t = useTranslations('ResetPassword');
  const [state, action, pending] = useActionState(completeResetAction, {} satisfies FormState);
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields minLength={minLength} errors={state.fieldErrors?.password} />
      <button type="submit" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
