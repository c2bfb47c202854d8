'use client';

import { useActionState } from 'react';
import { FormError } from '@/components/form-error';
import { noResult, type FormResult } from '@/lib/actions/form-result';

/** "Test this connection" and its answer: the provider's sign-in address, or what is wrong. */
export function SsoConnectionTest({
  locale,
  connectionId,
  action,
  text,
}: {
  locale: string;
  connectionId: string;
  action: (state: FormResult<{ message: string }>, form: FormData) => Promise<FormResult<{ message: string }>>;
  text: { submit: string; working: string };
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="connectionId" value={connectionId} />
      <p id="sso-test-result" className="notice" role="status" hidden={!state.ok}>
        {state.ok ? state.data.message : null}
      </p>
      <FormError id="sso-test-error" message={state.ok ? undefined : state.formError} />
      <p>
        <button type="submit" disabled={pending}>
          {pending ? text.working : text.submit}
        </button>
      </p>
    </form>
  );
}
