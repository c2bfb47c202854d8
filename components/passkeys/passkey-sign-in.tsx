'use client';

import {
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { useEffect, useEffectEvent, useState, useTransition } from 'react';
import { FormError } from '@/components/form-error';
import { noResult, type FormResult } from '@/lib/actions/form-result';
import { usePasskeySupport } from './use-passkey-support';

type Action<Data> = (state: FormResult<Data>, form: FormData) => Promise<FormResult<Data>>;

/** What the button's request brings: a challenge, and the words for a ceremony that fails. */
export interface PasskeyCeremony {
  options: PublicKeyCredentialRequestOptionsJSON;
  failed: string;
}

/**
 * "Sign in with a passkey", and the same offered in the identifier field's suggestions where
 * the browser can. Without JavaScript or passkey support nothing shows: every other way in
 * stays on the page.
 */
export function PasskeySignIn({
  locale,
  callbackUrl,
  suggestionOptions,
  optionsAction,
  signInAction,
  text,
}: {
  locale: string;
  /** As the sign-in form's: none for the account page. */
  callbackUrl?: string;
  /** A challenge made with the page, for the field's suggestions: showing them costs no request. */
  suggestionOptions: PublicKeyCredentialRequestOptionsJSON;
  optionsAction: Action<PasskeyCeremony>;
  signInAction: Action<undefined>;
  /**
   * The words the page shows at once. The failure's sentence, the longest, comes with the
   * button's own challenge, which it follows: every sign-in page would carry it otherwise.
   */
  text: { button: string; working: string };
}) {
  const supported = usePasskeySupport();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const form = (answer?: AuthenticationResponseJSON) => {
    const data = new FormData();
    data.set('locale', locale);
    if (callbackUrl) data.set('callbackUrl', callbackUrl);
    if (answer) data.set('answer', JSON.stringify(answer));
    return data;
  };
  const ceremony = async (autofill: boolean) => {
    let optionsJSON = suggestionOptions;
    let failed: string | undefined;
    if (!autofill) {
      const ceremony = await optionsAction(noResult, form());
      if (!ceremony.ok) return setError(ceremony.formError);
      ({ options: optionsJSON, failed } = ceremony.data);
    }
    let answer: AuthenticationResponseJSON;
    try {
      answer = await startAuthentication({ optionsJSON, useBrowserAutofill: autofill });
    } catch {
      // Cancelled or timed out; a suggestion request is also ended by the button starting anew.
      if (!autofill) setError(failed);
      return;
    }
    const result = await signInAction(noResult, form(answer));
    if (!result.ok) setError(result.formError);
  };

  const offerInSuggestions = useEffectEvent(() => void ceremony(true));
  // Once, when the page can use passkeys; the button starts a ceremony of its own.
  useEffect(() => {
    if (!supported) return;
    void browserSupportsWebAuthnAutofill().then((autofill) => {
      if (autofill) offerInSuggestions();
    });
  }, [supported]);

  if (!supported) return null;
  return (
    <div className="stack">
      <button type="button" className="secondary" disabled={pending} aria-describedby="passkey-error" onClick={() => startTransition(() => ceremony(false))}>
        {pending ? text.working : text.button}
      </button>
      <FormError id="passkey-error" message={error} />
    </div>
  );
}
