'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { FieldErrors } from '@/components/recovery/field-errors';
import { noResult, type FormResult } from '@/lib/actions/form-result';

type Choice = { value: string; label: string };

export interface ConnectionFormText {
  redirectUri: string;
  redirectUriHint: string;
  name: string;
  nameHint: string;
  issuer: string;
  issuerHint: string;
  clientId: string;
  clientSecret: string;
  clientSecretHint: string;
  scopes: string;
  scopesHint: string;
  domains: string;
  domainsHint: string;
  mode: string;
  createAccounts: string;
  createAccountsHint: string;
  defaultTeam: string;
  defaultRole: string;
  submit: string;
  working: string;
}

/** The form fields as text, as the form shows them first (a saved connection, or the defaults). */
export type ConnectionValues = Record<'name' | 'issuer' | 'clientId' | 'scopes' | 'domains' | 'mode' | 'createAccounts' | 'defaultTeamId' | 'defaultRole', string>;

/**
 * A company sign-in connection, new or saved: one form for both. The client secret is never
 * shown nor sent back; on an edit an empty secret keeps the stored one.
 */
export function SsoConnectionForm({
  locale,
  action,
  connectionId,
  redirectUri,
  initial,
  modes,
  teams,
  roles,
  text,
}: {
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  /** '' for a new connection. */
  connectionId: string;
  redirectUri: string;
  initial: ConnectionValues;
  modes: Choice[];
  teams: Choice[];
  roles: Choice[];
  text: ConnectionFormText;
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const errors = (!state.ok && state.fieldErrors) || {};
  // After a refusal the form shows what was typed, an unticked box included.
  const values: ConnectionValues = !state.ok && state.values ? { ...initial, ...state.values } : initial;
  const described = (name: string, hint?: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': hint ? `${name}-hint ${name}-errors` : `${name}-errors`,
  });
  const hint = (name: string, words: string) => (
    <p id={`${name}-hint`} className="muted">
      {words}
    </p>
  );
  const field = (name: 'name' | 'issuer' | 'clientId' | 'scopes', type: string, words?: string, inputMode?: 'url') => (
    <>
      <label htmlFor={`sso-${name}`}>{text[name]}</label>
      <input
        id={`sso-${name}`}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        maxLength={1000}
        required={name !== 'scopes'}
        defaultValue={values[name]}
        {...described(name, words)}
      />
      {words && hint(name, words)}
      <FieldErrors id={`${name}-errors`} errors={errors[name]} />
    </>
  );

  return (
    <form key={state.ok ? undefined : state.attempt} action={formAction} className="stack" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="connectionId" value={connectionId} />
      <label htmlFor="sso-redirectUri">{text.redirectUri}</label>
      <input id="sso-redirectUri" type="text" readOnly value={redirectUri} spellCheck={false} aria-describedby="redirectUri-hint" translate="no" />
      {hint('redirectUri', text.redirectUriHint)}
      {field('name', 'text', text.nameHint)}
      {field('issuer', 'url', text.issuerHint, 'url')}
      {field('clientId', 'text')}
      <label htmlFor="sso-clientSecret">{text.clientSecret}</label>
      <input
        id="sso-clientSecret"
        name="clientSecret"
        type="password"
        autoComplete="off"
        maxLength={1000}
        required={!connectionId}
        {...described('clientSecret', text.clientSecretHint)}
      />
      {hint('clientSecret', text.clientSecretHint)}
      <FieldErrors id="clientSecret-errors" errors={errors.clientSecret} />
      {field('scopes', 'text', text.scopesHint)}
      <label htmlFor="sso-domains">{text.domains}</label>
      <textarea id="sso-domains" name="domains" rows={3} maxLength={5000} required spellCheck={false} defaultValue={values.domains} {...described('domains', text.domainsHint)} />
      {hint('domains', text.domainsHint)}
      <FieldErrors id="domains-errors" errors={errors.domains} />
      <fieldset aria-describedby="mode-errors">
        <legend>{text.mode}</legend>
        {modes.map((mode) => (
          <label key={mode.value} className="checkbox">
            <input type="radio" name="mode" value={mode.value} defaultChecked={values.mode === mode.value} />
            {mode.label}
          </label>
        ))}
      </fieldset>
      <FieldErrors id="mode-errors" errors={errors.mode} />
      <label className="checkbox">
        <input type="checkbox" name="createAccounts" defaultChecked={values.createAccounts === 'on'} {...described('createAccounts', text.createAccountsHint)} />
        {text.createAccounts}
      </label>
      {hint('createAccounts', text.createAccountsHint)}
      {/* Only a tampered post sends this box anything but "on": still, the answer says where it failed. */}
      <FieldErrors id="createAccounts-errors" errors={errors.createAccounts} />
      <label htmlFor="sso-defaultTeamId">{text.defaultTeam}</label>
      <select id="sso-defaultTeamId" name="defaultTeamId" defaultValue={values.defaultTeamId} {...described('defaultTeamId')}>
        {teams.map((team) => (
          <option key={team.value} value={team.value}>
            {team.label}
          </option>
        ))}
      </select>
      <FieldErrors id="defaultTeamId-errors" errors={errors.defaultTeamId} />
      <label htmlFor="sso-defaultRole">{text.defaultRole}</label>
      <select id="sso-defaultRole" name="defaultRole" defaultValue={values.defaultRole} {...described('defaultRole')}>
        {roles.map((role) => (
          <option key={role.value} value={role.value}>
            {role.label}
          </option>
        ))}
      </select>
      <FieldErrors id="defaultRole-errors" errors={errors.defaultRole} />
      <FormError id="sso-form-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.working : text.submit}
      </button>
    </form>
  );
}
