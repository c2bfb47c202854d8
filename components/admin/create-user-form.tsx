'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { LanguageSelect } from '@/components/language-select';
import { PhoneRegionSelect, type PhoneRegionOptions } from '@/components/phone-region-select';
import { FieldErrors } from '@/components/recovery/field-errors';
import { noResult, type FormResult } from '@/lib/actions/form-result';

type Choice = { value: string; label: string };

export interface CreateUserText {
  name: string;
  email: string;
  username: string;
  usernameHint: string;
  phone: string;
  phoneHint: string;
  role: string;
  team: string;
  language: string;
  languageHint: string;
  submit: string;
  working: string;
}

/** Name, identifiers, role, team and language of a new account; its owner sets the password. */
export function CreateUserForm({
  locale,
  action,
  roles,
  teams,
  languages,
  phoneRegion,
  text,
}: {
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  roles: Choice[];
  /** Null when the team is not the actor's to choose (a manager's accounts join their team). */
  teams: Choice[] | null;
  languages: Choice[];
  phoneRegion: PhoneRegionOptions;
  text: CreateUserText;
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const errors = (!state.ok && state.fieldErrors) || {};
  const values = (!state.ok && state.values) || {};
  const field = (name: 'name' | 'email' | 'username' | 'phone', type: string, autoComplete: string, hint?: string) => (
    <>
      <label htmlFor={name}>{text[name]}</label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        maxLength={400}
        required={name === 'email'}
        defaultValue={values[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={hint ? `${name}-hint ${name}-errors` : `${name}-errors`}
      />
      {hint && (
        <p id={`${name}-hint`} className="muted">
          {hint}
        </p>
      )}
      <FieldErrors id={`${name}-errors`} errors={errors[name]} />
    </>
  );
  return (
    <form key={state.ok ? undefined : state.attempt} action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {field('name', 'text', 'off')}
      {field('email', 'email', 'off')}
      {field('username', 'text', 'off', text.usernameHint)}
      {field('phone', 'tel', 'off', text.phoneHint)}
      <PhoneRegionSelect options={phoneRegion} value={values.phoneRegion} />
      <label htmlFor="role">{text.role}</label>
      <select id="role" name="role" defaultValue={values.role ?? roles[0]?.value} aria-describedby="role-errors">
        {roles.map((role) => (
          <option key={role.value} value={role.value}>
            {role.label}
          </option>
        ))}
      </select>
      <FieldErrors id="role-errors" errors={errors.role} />
      {teams && (
        <>
          <label htmlFor="teamId">{text.team}</label>
          <select id="teamId" name="teamId" defaultValue={values.teamId ?? ''} aria-describedby="teamId-errors">
            {teams.map((team) => (
              <option key={team.value} value={team.value}>
                {team.label}
              </option>
            ))}
          </select>
          <FieldErrors id="teamId-errors" errors={errors.teamId} />
        </>
      )}
      <LanguageSelect languages={languages} value={values.language ?? locale} errors={errors.language} text={{ label: text.language, hint: text.languageHint }} />
      <FormError id="form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.working : text.submit}
      </button>
    </form>
  );
}
