'use client';

import { useActionState } from 'react';
import { FieldErrors } from '@/components/recovery/field-errors';
import { FormError } from '@/components/form-error';
import { noResult, type FormResult } from '@/lib/actions/form-result';

/** The CSV file to import; its problems of shape come back here, its rows' on the job's page. */
export function UserImportForm({
  locale,
  action,
  text,
}: {
  locale: string;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
  text: { label: string; hint: string; submit: string; working: string };
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const errors = state.ok ? undefined : state.fieldErrors?.file;
  return (
    <form action={formAction} className="stack" encType="multipart/form-data" noValidate>
      <input type="hidden" name="locale" value={locale} />
      <label htmlFor="import-file">{text.label}</label>
      <p id="import-file-hint" className="muted">
        {text.hint}
      </p>
      <input id="import-file" type="file" name="file" accept="text/csv,.csv" required aria-describedby="import-file-hint import-file-errors" />
      <FieldErrors id="import-file-errors" errors={errors} />
      <FormError id="import-error" message={state.ok ? undefined : state.formError} />
      <button type="submit" disabled={pending}>
        {pending ? text.working : text.submit}
      </button>
    </form>
  );
}
