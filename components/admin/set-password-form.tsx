'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { NewPasswordFields, type NewPasswordText } from '@/components/recovery/new-password-fields';
import { noResult, type FormResult } from '@/lib/actions/form-result';

/** New password, confirmation and "temporary" (ticked by default), for someone else's account. */
export function SetPasswordForm({
  locale,
  action,
  userId,
  username,
  minLength,
  text,
}: {
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  userId: string;
  username: string;
  minLength: number;
  text: { fields: NewPasswordText; temporary: string; submit: string; working: string };
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  return (
    <form action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="userId" value={userId} />
      <NewPasswordFields text={text.fields} username={username} minLength={minLength} errors={state.ok ? {} : state.fieldErrors} autoFocus={false} />
      <label className="checkbox">
        <input type="checkbox" name="temporary" defaultChecked />
        {text.temporary}
      </label>
      <FormError id="set-password-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.working : text.submit}
      </button>
    </form>
  );
}
