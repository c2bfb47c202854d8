'use client';

import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { FormError } from '@/components/form-error';
import { IdentifierInput } from '@/components/identifier-input';
import { submitIdentifier, submitPassword } from './actions';
import type { LoginState } from './state';

/**
 * Identifier first, then password. Both steps are plain forms posting to server actions, so
 * they work without JavaScript; with it, the pending state shows while the server answers.
 */
export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const locale = useLocale();
  const t = useTranslations('Login');
  // Unbound actions with the locale as a field: React leaves a bound action with useActionState
  // spinning on the server when the form is posted without JavaScript (Next.js 16.4).
  const [identifierState, identifierAction, identifierPending] = useActionState(submitIdentifier, {
    step: 'identifier',
  } satisfies LoginState);
  const [passwordState, passwordAction, passwordPending] = useActionState(submitPassword, null);

  const state: LoginState = passwordState ?? identifierState;
  if (state.step === 'identifier') {
    return (
      <form action={identifierAction} className="stack" noValidate>
        <input type="hidden" name="locale" value={locale} />
        <IdentifierInput
          label={t('identifierLabel')}
          defaultValue={state.identifier}
          autoFocus
          invalid={!!state.error}
          describedBy="login-error"
        />
        <FormError id="login-error" message={state.error} />
        <button type="submit" disabled={identifierPending}>
          {t('continue')}
        </button>
      </form>
    );
  }

  return (
    <form action={passwordAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <p className="identity">
        {t('signingInAs', { identifier: state.identifier })} · <a href={`/${locale}/login`}>{t('changeIdentifier')}</a>
      </p>
      {/* Visible to password managers, which pair the password with this username. */}
      <input type="hidden" name="identifier" value={state.identifier} autoComplete="username" />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <label htmlFor="password">{t('passwordLabel')}</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        aria-invalid={state.error ? true : undefined}
        aria-describedby="login-error"
      />
      <FormError id="login-error" message={state.error} />
      <button type="submit" disabled={passwordPending}>
        {passwordPending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
