'use client';

import { useActionState } from 'react';
import { FieldErrors } from '@/components/recovery/field-errors';
import { FormError } from '@/components/form-error';
import { noResult, type FormResult } from '@/lib/actions/form-result';
import type { ImportReport } from '@/app/[locale]/admin/translations/actions';
import { DataTable } from '@/components/data-table';

/** A file to import, then what became of each of its texts. */
export function TranslationImportForm({
  locale,
  action,
  text,
}: {
  locale: string;
  action: (state: FormResult<ImportReport>, form: FormData) => Promise<FormResult<ImportReport>>;
  text: { label: string; submit: string; working: string; columns: { key: string; language: string; state: string } };
}) {
  const [state, formAction, pending] = useActionState(action, noResult);
  const errors = state.ok ? undefined : state.fieldErrors?.file;
  return (
    <>
      <form action={formAction} className="stack" encType="multipart/form-data" noValidate>
        <input type="hidden" name="locale" value={locale} />
        <label htmlFor="import-file">{text.label}</label>
        <input id="import-file" type="file" name="file" accept="application/json,.json" required aria-describedby="import-file-errors" />
        <FieldErrors id="import-file-errors" errors={errors} />
        <FormError id="import-error" message={state.ok ? undefined : state.formError} />
        <button type="submit" disabled={pending}>
          {pending ? text.working : text.submit}
        </button>
      </form>
      {state.ok && (
        <section aria-live="polite" className="stack">
          <p role="status">{state.data.summary}</p>
          {state.data.lines.length > 0 && (
            <DataTable columns={[text.columns.key, text.columns.language, text.columns.state]}>
              {state.data.lines.map((line) => (
                <tr key={`${line.language}:${line.key}`}>
                  <td>
                    <code>{line.key}</code>
                  </td>
                  <td>{line.language}</td>
                  <td>
                    {line.status}
                    {line.problems.length > 0 && (
                      <ul className="error field-errors">
                        {line.problems.map((problem) => (
                          <li key={problem}>{problem}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
    </>
  );
}
