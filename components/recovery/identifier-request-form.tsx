'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { IdentifierInput } from '@/components/identifier-input';
import { PhoneRegionSelect, type PhoneRegionOptions } from '@/components/phone-region-select';
import { firstError, noResult, type FormResult } from '@/lib/actions/form-result';

export interface IdentifierRequestText {
  identifierLabel: string;
  submit: string;
  sending: string;
}

/** One field (email, username or phone) and a button: forgot password, sign-in link, activation. */
export function IdentifierRequestForm({
  locale,
  text,
  action,
  phoneRegion,
  defaultIdentifier = '',
}: {
  locale: string;
  text: IdentifierRequestText;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  phoneRegion: PhoneRegionOptions;
  defaultIdentifier?: string;
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const error = firstError(state, 'identifier');
  return (
    <form key={state.ok ? undefined : state.attempt} action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <IdentifierInput
        label={text.identifierLabel}
        defaultValue={state.ok ? defaultIdentifier : (state.values?.identifier ?? defaultIdentifier)}
        autoFocus
        invalid={!!error}
        describedBy="form-error"
      />
      <FormError id="form-error" message={error} />
      <PhoneRegionSelect options={phoneRegion} value={state.ok ? undefined : state.values?.phoneRegion} />
      <button type="submit" disabled={pending}>
        {pending ? text.sending : text.submit}
      </button>
    </form>
  );
}
