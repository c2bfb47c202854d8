'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { PasswordInput, type PasswordToggleText } from '@/components/password-input';
import { FieldErrors } from '@/components/recovery/field-errors';
import { NewPasswordFields, type NewPasswordText } from '@/components/recovery/new-password-fields';
import { noResult } from '@/lib/actions/form-result';
import { changePasswordAction } from './actions';

export interface ChangePasswordText {
  currentLabel: string;
  currentToggle: PasswordToggleText;
  fields: NewPasswordText;
  submit: string;
  pending: string;
}

export function ChangePasswordForm({ locale, username, minLength, text }: { locale: string; username: string; minLength: number; text: ChangePasswordText }) {
  const [state, action, pending] = useActionState(changePasswordAction, noResult);
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  return (
    <form action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <label htmlFor="current">{text.currentLabel}</label>
      <PasswordInput
        id="current"
        name="current"
        autoComplete="current-password"
        required
        autoFocus
        aria-invalid={errors.current?.length ? true : undefined}
        aria-describedby="current-errors"
        toggle={text.currentToggle}
      />
      <FieldErrors id="current-errors" errors={errors.current} />
      <NewPasswordFields text={text.fields} username={username} minLength={minLength} errors={errors} autoFocus={false} />
      <FormError id="form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.pending : text.submit}
      </button>
    </form>
  );
}
