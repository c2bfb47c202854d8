'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { PhoneRegionSelect, type PhoneRegionOptions } from '@/components/phone-region-select';
import { LanguageSelect } from '@/components/language-select';
import { FieldErrors } from '@/components/recovery/field-errors';
import { noResult } from '@/lib/actions/form-result';
import { updateProfileAction } from './profile-action';

export interface ProfileText {
  name: string;
  phone: string;
  phoneHint: string;
  language: string;
  languageHint: string;
  submit: string;
  pending: string;
}

export function ProfileForm({
  locale,
  current,
  languages,
  phoneRegion,
  text,
}: {
  locale: string;
  current: { name: string; phone: string; language: string };
  languages: Array<{ value: string; label: string }>;
  /** Preselected on the stored number's country. */
  phoneRegion: PhoneRegionOptions;
  text: ProfileText;
}) {
  const [state, action, pending] = useActionState(updateProfileAction, noResult);
  const errors = (!state.ok && state.fieldErrors) || {};
  const values = (!state.ok && state.values) || current;
  return (
    <form key={state.ok ? undefined : state.attempt} action={action} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <label htmlFor="name">{text.name}</label>
      <input id="name" name="name" type="text" autoComplete="name" maxLength={400} defaultValue={values.name} aria-invalid={errors.name ? true : undefined} aria-describedby="name-errors" />
      <FieldErrors id="name-errors" errors={errors.name} />
      <label htmlFor="phone">{text.phone}</label>
      <input
        id="phone"
        name="phone"
        type="tel"
        autoComplete="tel"
        maxLength={40}
        defaultValue={values.phone}
        aria-invalid={errors.phone ? true : undefined}
        aria-describedby="phone-hint phone-errors"
      />
      <p id="phone-hint" className="muted">
        {text.phoneHint}
      </p>
      <FieldErrors id="phone-errors" errors={errors.phone} />
      <PhoneRegionSelect options={phoneRegion} value={state.ok ? undefined : state.values?.phoneRegion} />
      <LanguageSelect languages={languages} value={values.language} text={{ label: text.language, hint: text.languageHint }} errors={errors.language} />
      <FormError id="form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.pending : text.submit}
      </button>
    </form>
  );
}
