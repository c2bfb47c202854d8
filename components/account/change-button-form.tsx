'use client';

import { useActionState, type ReactNode } from 'react';
import { PasswordCheck, type PasswordCheckField } from '@/components/password-check';
import { noResult, type FormResult } from '@/lib/actions/form-result';

/** A change made with one button ("Create new recovery codes") once the current password is typed. */
export function ChangeButtonForm({
  id,
  locale,
  action,
  passwordCheck,
  children,
}: {
  id: string;
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  passwordCheck: PasswordCheckField;
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const error = state.ok ? undefined : (state.fieldErrors?.password?.[0] ?? state.formError);
  return (
    <form action={formAction} className="stack" noValidate key={state.ok ? undefined : state.attempt}>
      <input type="hidden" name="locale" value={locale} />
      <PasswordCheck id={`${id}-password`} field={passwordCheck} error={error} />
      <button type="submit" className="secondary" disabled={pending}>
        {children}
      </button>
    </form>
  );
}
