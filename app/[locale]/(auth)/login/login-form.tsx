'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { IdentifierInput } from '@/components/identifier-input';
import { PasswordInput, type PasswordToggleText } from '@/components/password-input';
import { submitIdentifier, submitPassword } from './actions';
import type { LoginState } from './state';

export interface LoginFormText {
  identifierLabel: string;
  continue: string;
  passwordLabel: string;
  changeIdentifier: string;
  submit: string;
  submitting: string;
  passwordToggle: PasswordToggleText;
}

/**
 * Identifier first, then password. Both steps are plain forms posting to server actions, so
 * they work without JavaScript; with it, the pending state shows while the server answers.
 */
export function LoginForm({ locale, text, callbackUrl }: { locale: string; text: LoginFormText; callbackUrl?: string }) {
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
          label={text.identifierLabel}
          defaultValue={state.identifier}
          autoFocus
          invalid={!!state.error}
          describedBy="login-error"
        />
        <FormError id="login-error" message={state.error} />
        <button type="submit" disabled={identifierPending}>
          {text.continue}
        </button>
      </form>
    );
  }

  return (
    <form action={passwordAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <p className="identity">
        {state.signingInAs} · <a href={`/${locale}/login`}>{text.changeIdentifier}</a>
      </p>
      {/* Visible to password managers, which pair the password with this username. */}
      <input type="hidden" name="identifier" value={state.identifier} autoComplete="username" />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <label htmlFor="password">{text.passwordLabel}</label>
      <PasswordInput
        id="password"
        name="password"
        autoComplete="current-password"
        required
        autoFocus
        aria-invalid={state.error ? true : undefined}
        aria-describedby="login-error"
        toggle={text.passwordToggle}
      />
      <FormError id="login-error" message={state.error} />
      <button type="submit" disabled={passwordPending}>
        {passwordPending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
