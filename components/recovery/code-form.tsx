'use client';

import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { FormError } from '@/components/form-error';
import { IdentifierInput } from '@/components/identifier-input';
import type { FormState } from './form-state';

/** The 6-digit code from an email, with the identifier it was sent for. */
export function CodeForm({
  action,
  submitLabel,
  defaultIdentifier,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  submitLabel: string;
  defaultIdentifier: string;
}) {
  const locale = useLocale();
  const t = useTranslations('Recovery');
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <IdentifierInput label={t('identifierLabel')} defaultValue={state.values?.identifier ?? defaultIdentifier} />
      <label htmlFor="code">{t('codeLabel')}</label>
      <input
        id="code"
        name="code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={12}
        required
        autoFocus
        defaultValue={state.values?.code}
        aria-invalid={state.error ? true : undefined}
        aria-describedby="code-hint form-error"
      />
      <p id="code-hint" className="muted">
        {t('codeHint')}
      </p>
      <FormError id="form-error" message={state.error} />
      <button type="submit" disabled={pending}>
        {pending ? t('checking') : submitLabel}
      </button>
    </form>
  );
}
