'use client';

import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { FormError } from '@/components/form-error';
import { IdentifierInput } from '@/components/identifier-input';
import type { FormState } from './form-state';

/** One field (email, username or phone) and a button: forgot password, sign-in link, activation. */
export function IdentifierRequestForm({
  action,
  submitLabel,
  defaultIdentifier = '',
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  submitLabel: string;
  defaultIdentifier?: string;
}) {
  const locale = useLocale();
  const t = useTranslations('Recovery');
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <IdentifierInput
        label={t('identifierLabel')}
        defaultValue={state.values?.identifier ?? defaultIdentifier}
        autoFocus
        invalid={!!state.error}
        describedBy="form-error"
      />
      <FormError id="form-error" message={state.error} />
      <button type="submit" disabled={pending}>
        {pending ? t('sending') : submitLabel}
      </button>
    </form>
  );
}
