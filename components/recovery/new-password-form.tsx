'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { noResult, type FormResult } from '@/lib/actions/form-result';
import { NewPasswordFields, type NewPasswordText } from './new-password-fields';

/** A new password and its confirmation: the end of a reset, or of a temporary password. */
export function NewPasswordForm({
  locale,
  action,
  hidden,
  username,
  minLength,
  text,
}: {
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  hidden: Record<string, string>;
  username: string;
  minLength: number;
  text: { fields: NewPasswordText; submit: string; submitting: string };
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  return (
    <form action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <NewPasswordFields text={text.fields} username={username} minLength={minLength} errors={state.ok ? {} : state.fieldErrors} />
      <FormError id="form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
