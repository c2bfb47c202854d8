'use client';

import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
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
      <label htmlFor="identifier">{t('identifierLabel')}</label>
      <input
        id="identifier"
        name="identifier"
        type="text"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        defaultValue={state.values?.identifier ?? defaultIdentifier}
        aria-invalid={state.error ? true : undefined}
        aria-describedby="form-error"
      />
      <p id="form-error" className="error" aria-live="polite" role={state.error ? 'alert' : undefined}>
        {state.error}
      </p>
      <button type="submit" disabled={pending}>
        {pending ? t('sending') : submitLabel}
      </button>
    </form>
  );
}
