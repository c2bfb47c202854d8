'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { PasswordCheck, type PasswordCheckField } from '@/components/password-check';
import { PasswordInput, type PasswordToggleText } from '@/components/password-input';
import { noResult, type FormResult } from '@/lib/actions/form-result';

export interface SingleFieldText {
  label: string;
  hint?: string;
  submit: string;
  pending: string;
}

type Field =
  | { kind: 'code'; name: string; autoComplete?: 'one-time-code' | 'off'; numeric: boolean }
  | { kind: 'password'; name: string; toggle: PasswordToggleText }
  | { kind: 'email'; name: string };

/**
 * A form with one thing to type — a code, a recovery code or the current password — plus
 * hidden fields, and the current password under it when the change needs it: the second
 * sign-in step, enrolment and confirmations all use it.
 */
export function SingleFieldForm({
  id,
  locale,
  action,
  field,
  hidden = {},
  text,
  autoFocus = false,
  passwordCheck,
}: {
  id: string;
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  field: Field;
  hidden?: Record<string, string>;
  text: SingleFieldText;
  autoFocus?: boolean;
  passwordCheck?: PasswordCheckField;
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const error = state.ok ? undefined : (state.fieldErrors?.[field.name]?.[0] ?? state.formError);
  const inputId = `${id}-${field.name}`;
  const describedBy = [text.hint ? `${inputId}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const common = {
    id: inputId,
    name: field.name,
    required: true,
    autoFocus,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <form action={formAction} className="stack" noValidate key={state.ok ? undefined : state.attempt}>
      <input type="hidden" name="locale" value={locale} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={inputId}>{text.label}</label>
      {field.kind === 'password' ? (
        <PasswordInput {...common} toggle={field.toggle} autoComplete="current-password" maxLength={1024} />
      ) : field.kind === 'email' ? (
        <input {...common} type="email" autoComplete="email" spellCheck={false} maxLength={320} defaultValue={state.ok ? undefined : state.values?.[field.name]} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={field.numeric ? 'numeric' : 'text'}
          autoComplete={field.autoComplete ?? 'off'}
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
        />
      )}
      {text.hint && (
        <p id={`${inputId}-hint`} className="muted">
          {text.hint}
        </p>
      )}
      <FormError id={`${id}-error`} message={error} />
      {passwordCheck && <PasswordCheck id={`${id}-password`} field={passwordCheck} error={state.ok ? undefined : state.fieldErrors?.password?.[0]} />}
      <button type="submit" disabled={pending}>
        {pending ? text.pending : text.submit}
      </button>
    </form>
  );
}
