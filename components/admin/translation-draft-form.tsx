'use client';

import { useActionState } from 'react';
import { FieldErrors } from '@/components/recovery/field-errors';
import { FormError } from '@/components/form-error';
import { noResult, type FormResult } from '@/lib/actions/form-result';

/** One language's text of one key, saved as a draft; refused values come back as typed, with why. */
export function TranslationDraftForm({
  locale,
  action,
  translationKey,
  language,
  initial,
  text,
}: {
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  translationKey: string;
  language: 'en' | 'fr';
  initial: string;
  text: { label: string; typography?: string; submit: string; working: string };
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const errors = state.ok ? undefined : state.fieldErrors?.value;
  const id = `value-${language}`;
  return (
    <form action={formAction} className="stack" key={state.ok ? 'saved' : state.attempt} noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="key" value={translationKey} />
      <input type="hidden" name="language" value={language} />
      <label htmlFor={id}>{text.label}</label>
      <textarea
        id={id}
        name="value"
        lang={language}
        rows={6}
        required
        defaultValue={state.ok ? initial : (state.values?.value ?? initial)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-errors`}
      />
      <FieldErrors id={`${id}-errors`} errors={errors} />
      {text.typography && (
        <label className="checkbox">
          <input type="checkbox" name="typography" />
          {text.typography}
        </label>
      )}
      <FormError id={`${id}-error`} message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.working : text.submit}
      </button>
    </form>
  );
}
