'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { IdentifierInput } from '@/components/identifier-input';
import { PhoneRegionSelect, type PhoneRegionOptions } from '@/components/phone-region-select';
import { noResult, type FormResult } from '@/lib/actions/form-result';

export interface CodeFormText {
  identifierLabel: string;
  codeLabel: string;
  codeHint: string;
  submit: string;
  checking: string;
}

/** An emailed 6-digit code, or the 16-character access code an admin handed on. */
export type CodeKind = 'emailed' | 'access';

const codeInput = {
  emailed: { inputMode: 'numeric', autoComplete: 'one-time-code', pattern: '[0-9 ]*', maxLength: 12 },
  access: { inputMode: 'text', autoComplete: 'off', pattern: undefined, maxLength: 40 },
} as const;

/** A code, with the identifier it was made for. */
export function CodeForm({
  locale,
  text,
  action,
  phoneRegion,
  defaultIdentifier,
  kind = 'emailed',
}: {
  locale: string;
  text: CodeFormText;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  phoneRegion: PhoneRegionOptions;
  defaultIdentifier: string;
  kind?: CodeKind;
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const values = state.ok ? undefined : state.values;
  const error = state.ok ? undefined : (state.fieldErrors?.identifier?.[0] ?? state.fieldErrors?.code?.[0] ?? state.formError);
  return (
    <form key={state.ok ? undefined : state.attempt} action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <IdentifierInput label={text.identifierLabel} defaultValue={values?.identifier ?? defaultIdentifier} />
      <PhoneRegionSelect options={phoneRegion} value={values?.phoneRegion} />
      <label htmlFor="code">{text.codeLabel}</label>
      <input
        id="code"
        name="code"
        type="text"
        {...codeInput[kind]}
        autoCapitalize={kind === 'access' ? 'characters' : undefined}
        spellCheck={false}
        required
        autoFocus
        defaultValue={values?.code}
        aria-invalid={error ? true : undefined}
        aria-describedby="code-hint form-error"
      />
      <p id="code-hint" className="muted">
        {text.codeHint}
      </p>
      <FormError id="form-error" message={error} />
      <button type="submit" disabled={pending}>
        {pending ? text.checking : text.submit}
      </button>
    </form>
  );
}
