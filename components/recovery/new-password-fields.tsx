'use client';

import { PasswordInput, type PasswordToggleText } from '@/components/password-input';
import { FieldErrors } from './field-errors';

export interface NewPasswordText {
  newLabel: string;
  confirmLabel: string;
  /** The policy, worded with the configured minimum length. */
  hint: string;
  newToggle: PasswordToggleText;
  confirmationToggle: PasswordToggleText;
}

/**
 * New password and its confirmation, with the policy stated up front and each field's problems
 * below it. The account's identifier rides along, hidden, so that a password manager saves the
 * new password for the right account.
 */
export function NewPasswordFields({
  text,
  username,
  minLength,
  errors = {},
  autoFocus = true,
}: {
  text: NewPasswordText;
  username: string;
  minLength: number;
  errors?: { password?: string[]; confirmation?: string[] };
  autoFocus?: boolean;
}) {
  return (
    <>
      <input id="account-username" type="text" autoComplete="username" value={username} readOnly hidden />
      <label htmlFor="password">{text.newLabel}</label>
      <PasswordInput
        id="password"
        name="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        minLength={minLength}
        aria-invalid={errors.password?.length ? true : undefined}
        aria-describedby="password-hint password-errors"
        toggle={text.newToggle}
      />
      <p id="password-hint" className="muted">
        {text.hint}
      </p>
      <FieldErrors id="password-errors" errors={errors.password} />
      <label htmlFor="confirmation">{text.confirmLabel}</label>
      <PasswordInput
        id="confirmation"
        name="confirmation"
        autoComplete="new-password"
        required
        aria-invalid={errors.confirmation?.length ? true : undefined}
        aria-describedby="confirmation-errors"
        toggle={text.confirmationToggle}
      />
      <FieldErrors id="confirmation-errors" errors={errors.confirmation} />
    </>
  );
}
