'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useState, useTransition, type FormEvent } from 'react';
import { FormError } from '@/components/form-error';
import { FieldErrors } from '@/components/recovery/field-errors';
import { noResult, type FormResult } from '@/lib/actions/form-result';
import { usePasskeySupport } from './use-passkey-support';

type Action<Data> = (state: FormResult<Data>, form: FormData) => Promise<FormResult<Data>>;

/**
 * Names a new passkey, then lets the browser make it: the server checks the name and hands out
 * a challenge, the device makes the key, the server checks and keeps it (and redirects).
 */
export function AddPasskeyForm({
  locale,
  optionsAction,
  addAction,
  text,
}: {
  locale: string;
  optionsAction: Action<string>;
  addAction: Action<undefined>;
  text: { label: string; hint: string; submit: string; working: string; failed: string; unsupported: string };
}) {
  const supported = usePasskeySupport();
  const [state, setState] = useState<FormResult<unknown>>(noResult);
  const [pending, startTransition] = useTransition();
  if (supported === null) return null;
  if (!supported) return <p className="muted">{text.unsupported}</p>;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const options = await optionsAction(noResult, form);
      if (!options.ok) return setState(options);
      try {
        form.set('answer', JSON.stringify(await startRegistration({ optionsJSON: JSON.parse(options.data) })));
      } catch {
        // Cancelled, timed out, or refused by the device: nothing was kept.
        return setState({ ok: false, formError: text.failed });
      }
      setState(await addAction(noResult, form));
    });
  };
  const errors = state.ok ? undefined : state.fieldErrors?.name;
  return (
    <form onSubmit={submit} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <label htmlFor="passkey-name">{text.label}</label>
      <p id="passkey-name-hint" className="muted">
        {text.hint}
      </p>
      <input
        id="passkey-name"
        name="name"
        maxLength={60}
        autoComplete="off"
        required
        aria-invalid={errors ? true : undefined}
        aria-describedby="passkey-name-hint passkey-name-errors passkey-error"
      />
      <FieldErrors id="passkey-name-errors" errors={errors} />
      <FormError id="passkey-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.working : text.submit}
      </button>
    </form>
  );
}
