'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { IdentifierInput } from '@/components/identifier-input';
import { PasswordInput, type PasswordToggleText } from '@/components/password-input';
import { PhoneRegionSelect, type PhoneRegionOptions } from '@/components/phone-region-select';
import { firstError, noResult, type FormResult } from '@/lib/actions/form-result';
import type { PhoneRegion } from '@/lib/phone/regions';
import { submitIdentifier, submitPassword } from './actions';

export interface LoginFormText {
  identifierLabel: string;
  continue: string;
  /** "Signing in as {identifier}", worded on the server, around the identifier's place. */
  signingInAs: [before: string, after: string];
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
export function LoginForm({
  locale,
  text,
  phoneRegion,
  callbackUrl,
  passwordFor,
}: {
  locale: string;
  text: LoginFormText;
  phoneRegion: PhoneRegionOptions;
  /** Where to go once signed in, when the page was asked for one: the actions default to the account. */
  callbackUrl?: string;
  /** Opens at the password step for this address (chosen over its company's sign-in). */
  passwordFor?: { identifier: string; phoneRegion: PhoneRegion };
}) {
  // Unbound actions with the locale as a field: React leaves a bound action with useActionState
  // spinning on the server when the form is posted without JavaScript (Next.js 16.4).
  const [identifierState, identifierAction, identifierPending] = useActionState<FormResult<{ identifier: string; phoneRegion: PhoneRegion }>, FormData>(
    submitIdentifier,
    passwordFor ? { ok: true, data: passwordFor } : noResult,
  );
  const [passwordState, passwordAction, passwordPending] = useActionState(submitPassword, noResult);

  // After a password attempt, the identifier comes back with the answer (without JavaScript,
  // that answer is all the page has); before it, from the identifier step.
  const identifier = (!passwordState.ok && passwordState.values?.identifier) || (identifierState.ok ? identifierState.data.identifier : '');
  // The country goes along with it, so the password step reads the number as the first did.
  const region = (!passwordState.ok && passwordState.values?.phoneRegion) || (identifierState.ok ? identifierState.data.phoneRegion : '');
  if (!identifier) {
    const error = firstError(identifierState, 'identifier');
    return (
      <form key={identifierState.ok ? undefined : identifierState.attempt} action={identifierAction} className="stack" noValidate>
        <input type="hidden" name="locale" value={locale} />
        {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
        <IdentifierInput
          passkeys
          label={text.identifierLabel}
          defaultValue={identifierState.ok ? undefined : identifierState.values?.identifier}
          autoFocus
          invalid={!!error}
          describedBy="login-error"
        />
        <FormError id="login-error" message={error} />
        <PhoneRegionSelect options={phoneRegion} value={identifierState.ok ? undefined : identifierState.values?.phoneRegion} />
        <button type="submit" disabled={identifierPending}>
          {text.continue}
        </button>
      </form>
    );
  }

  const error = passwordState.ok ? undefined : (passwordState.fieldErrors?.password?.[0] ?? firstError(passwordState, 'identifier'));
  return (
    <form action={passwordAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <p className="identity">
        {text.signingInAs[0]}
        {identifier}
        {text.signingInAs[1]} · <a href={`/${locale}/login`}>{text.changeIdentifier}</a>
      </p>
      {/* Visible to password managers, which pair the password with this username. */}
      <input type="hidden" name="identifier" value={identifier} autoComplete="username" />
      <input type="hidden" name="phoneRegion" value={region} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <label htmlFor="password">{text.passwordLabel}</label>
      <PasswordInput
        id="password"
        name="password"
        autoComplete="current-password"
        required
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby="login-error"
        toggle={text.passwordToggle}
      />
      <FormError id="login-error" message={error} />
      <button type="submit" disabled={passwordPending}>
        {passwordPending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
